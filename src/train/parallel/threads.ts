import { availableParallelism } from 'node:os';
import { EdgeforgeError } from '../../errors.js';

export type ThreadsSetting = 'auto' | number;

/** Batches below this size gain less from a second thread than the messaging costs. */
const MIN_PARALLEL_BATCH = 16;
/** Starting the workers (~0.7 s) is repaid only over a few thousand windows per epoch. */
const MIN_PARALLEL_WINDOWS = 2048;

/** What the automatic choice looks at. */
export interface ThreadsWorkload {
  batchSize: number;
  /** Training windows per epoch. */
  windows: number;
  /** Whether the model has an LSTM or GRU layer. */
  recurrent: boolean;
}

/**
 * The thread count to train with. 'auto' uses 2 cores for recurrent models on batches of 16 or
 * more and at least MIN_PARALLEL_WINDOWS windows, else 1. Measured on 2 cores (bench:train):
 * lstm-tutorial trains 1.37x faster on 2 threads, its 64-step time loop being long serial
 * work per sample; cnn1d-small trains 2x slower, a batch taking about a millisecond, so worker
 * messages dominate. The choice depends only on the machine and the run, never on its load, so
 * a machine trains the same model every time.
 */
export function resolveThreads(setting: ThreadsSetting, workload: ThreadsWorkload): number {
  if (setting === 'auto') {
    const worthIt =
      workload.recurrent &&
      workload.batchSize >= MIN_PARALLEL_BATCH &&
      workload.windows >= MIN_PARALLEL_WINDOWS;
    return worthIt ? Math.min(availableParallelism(), 2) : 1;
  }
  if (!Number.isInteger(setting) || setting < 1) {
    throw new EdgeforgeError(`threads ${setting} is not a positive integer`, {
      place: 'train.threads',
      fix: "Use 'auto' or a whole number of threads such as 1 or 2",
    });
  }
  return setting;
}

/** Contiguous shard sizes for a batch: the first `size % threads` shards take one extra sample. */
export function shardSizes(size: number, threads: number): number[] {
  const base = Math.floor(size / threads);
  const extra = size % threads;
  return Array.from({ length: threads }, (_, shard) => base + (shard < extra ? 1 : 0));
}

/** A dropout seed fixed by (seed, epoch, batch, shard), so parallel runs are reproducible. */
export function shardSeed(seed: number, epoch: number, batch: number, shard: number): number {
  let h = Math.imul(seed ^ 0x2c1b3c6d, 0x9e3779b1) >>> 0;
  for (const part of [epoch, batch, shard]) {
    h = Math.imul(h ^ part, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
  }
  return h;
}
