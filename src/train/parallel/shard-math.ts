import type { Param } from '../../nn/param.js';
import type { Sequential } from '../../nn/sequential.js';
import type { Task } from '../presets.js';
import { countCorrect, type TaskIo } from '../task-io.js';
import type { ShardJob, ShardResult } from './protocol.js';

/**
 * Forward and backward of one shard, leaving in every param's grad the shard's share of the
 * whole-batch gradient: the loss averages over its own samples, so the gradient is rescaled by
 * size / batchSize and the shards' sum equals the one-thread gradient (up to summation order).
 */
export function shardGradients(
  model: Sequential,
  params: Param[],
  io: TaskIo,
  task: Task,
  job: ShardJob,
): ShardResult {
  model.reseed(job.seed);
  const output = model.forward(job.x, job.size, { training: true, logits: io.logits });
  const grad = new Float32Array(output.length);
  const loss = io.loss.compute(output, job.targets, job.size, grad, job.weights);
  const share = job.size / job.batchSize;
  for (let i = 0; i < grad.length; i++) grad[i] *= share;
  const correct = task === 'autoencoder' ? 0 : countCorrect(task, output, job.labels, job.size);
  for (const param of params) param.grad.fill(0);
  model.backward(grad, job.size);
  return { lossSum: loss * job.size, correct };
}

/** Copies every param's value (or grad) into one flat buffer, in params() order. */
export function packParams(params: Param[], field: 'value' | 'grad', into: Float32Array): void {
  let offset = 0;
  for (const param of params) {
    into.set(param[field], offset);
    offset += param[field].length;
  }
}

/** Copies a flat buffer laid out by packParams back into every param's value. */
export function unpackValues(params: Param[], from: Float32Array): void {
  let offset = 0;
  for (const param of params) {
    param.value.set(from.subarray(offset, offset + param.value.length));
    offset += param.value.length;
  }
}

/** Total float count of all params: the length of a packed buffer. */
export function packedLength(params: Param[]): number {
  return params.reduce((sum, param) => sum + param.value.length, 0);
}
