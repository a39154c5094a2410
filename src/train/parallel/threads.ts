import { availableParallelism } from 'node:os';
import { EdgeforgeError } from '../../errors.js';

export type ThreadsSetting = 'auto' | number;

/** Batches below this size gain less from a second thread than the messaging costs. */
const MIN_PARALLEL_BATCH = 16;

/** The thread count to train with: 'auto' uses up to 2 cores for batches of 16 or more. */
export function resolveThreads(setting: ThreadsSetting, batchSize: number): number {
  if (setting === 'auto') return batchSize >= MIN_PARALLEL_BATCH ? Math.min(availableParallelism(), 2) : 1;
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
