import type { SequentialConfig } from '../../nn/sequential.js';
import type { Task } from '../presets.js';

/** Sent once when a worker starts: its replica and the shared buffers it reads and writes. */
export interface WorkerInit {
  config: SequentialConfig;
  weights: Record<string, Float32Array>;
  task: Task;
  /** Every param's value, concatenated in params() order; the main thread writes it after each step. */
  sharedWeights: SharedArrayBuffer;
  /** This worker's gradients, same layout as sharedWeights. */
  sharedGrads: SharedArrayBuffer;
}

/** One shard of a mini-batch (copies: a view would clone the whole batch buffer). */
export interface ShardJob {
  x: Float32Array;
  targets: Float32Array | Int32Array;
  labels: Int32Array;
  weights: Float32Array | undefined;
  /** Samples in this shard, and in the whole batch (the loss averages over the whole batch). */
  size: number;
  batchSize: number;
  /** Dropout seed of this shard. */
  seed: number;
}

/** A shard's contribution: its summed loss (mean loss · size) and correct predictions. */
export interface ShardResult {
  lossSum: number;
  correct: number;
}

export type WorkerReply = { type: 'ready' } | ({ type: 'done' } & ShardResult);
