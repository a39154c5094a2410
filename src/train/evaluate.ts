import type { WindowSet } from '../data/types.js';
import type { Sequential } from '../nn/sequential.js';
import { sigmoid, softmax } from './losses/activations.js';
import type { Task } from './presets.js';
import { countCorrect, taskIo } from './task-io.js';
import { Batcher } from './batcher.js';

export interface Evaluation {
  /** Mean loss over the samples, without class weights (as Keras reports val_loss). */
  loss: number;
  /** Classifiers only. */
  accuracy?: number;
  /**
   * binary: the probability of class 1 per sample; multiclass: [count, classes] probabilities;
   * autoencoder: each sample's mean squared reconstruction error.
   */
  outputs: Float32Array;
}

const EVAL_BATCH = 256;

/** Runs the model in inference mode over every sample of `data`, in order. */
export function evaluate(model: Sequential, data: WindowSet, task: Task): Evaluation {
  const io = taskIo(task);
  const targets = io.targets(data);
  const targetSize = io.targetSize || data.steps * data.channels;
  const outputSize = task === 'autoencoder' ? 1 : task === 'binary' ? 1 : data.classes.length;
  const outputs = new Float32Array(data.count * outputSize);
  const batcher = new Batcher(data, targets, targetSize, EVAL_BATCH);
  const order = Int32Array.from({ length: data.count }, (_, i) => i);
  let lossSum = 0;
  let correct = 0;
  let grad = new Float32Array(0);
  for (let start = 0; start < data.count; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, data.count - start);
    const batch = batcher.gather(order, start, size);
    const result = model.forward(batch.x, size, { logits: io.logits });
    if (grad.length < result.length) grad = new Float32Array(result.length);
    lossSum += io.loss.compute(result, batch.targets, size, grad.subarray(0, result.length)) * size;
    if (task === 'autoencoder') writeReconstructionErrors(result, batch.x, size, outputs, start);
    else {
      correct += countCorrect(task, result, batch.labels, size);
      writeProbabilities(task, result, size, outputs, start * outputSize);
    }
  }
  return {
    loss: lossSum / data.count,
    ...(task !== 'autoencoder' && { accuracy: correct / data.count }),
    outputs,
  };
}

function writeReconstructionErrors(
  output: Float32Array,
  input: Float32Array,
  size: number,
  errors: Float32Array,
  offset: number,
): void {
  const sampleSize = output.length / size;
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (let k = i * sampleSize; k < (i + 1) * sampleSize; k++) sum += (output[k] - input[k]) ** 2;
    errors[offset + i] = sum / sampleSize;
  }
}

/** Probabilities from logits: sigmoid for one binary output, softmax over classes otherwise. */
function writeProbabilities(
  task: Task,
  logits: Float32Array,
  size: number,
  out: Float32Array,
  offset: number,
): void {
  out.set(task === 'binary' ? sigmoid(logits) : softmax(logits, logits.length / size), offset);
}
