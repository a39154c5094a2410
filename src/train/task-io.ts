import type { WindowSet } from '../data/types.js';
import type { Loss } from './losses/loss.js';
import { binaryCrossEntropy } from './losses/binary-cross-entropy.js';
import { meanSquaredError } from './losses/mean-squared-error.js';
import { sparseCategoricalCrossEntropy } from './losses/softmax-cross-entropy.js';
import type { Task } from './presets.js';

/**
 * What a task trains against: the loss (on logits for classifiers, so it is numerically
 * stable), and the per-sample targets the batches are cut from.
 */
export interface TaskIo {
  loss: Loss;
  /** Classifiers train on logits; the autoencoder on its (linear) output. */
  logits: boolean;
  /** Values per sample in the targets array. */
  targetSize: number;
  targets(data: WindowSet): Float32Array | Int32Array;
}

export function taskIo(task: Task): TaskIo {
  switch (task) {
    case 'binary':
      return {
        loss: binaryCrossEntropy,
        logits: true,
        targetSize: 1,
        targets: (data) => Float32Array.from(data.y),
      };
    case 'multiclass':
      return { loss: sparseCategoricalCrossEntropy, logits: true, targetSize: 1, targets: (data) => data.y };
    case 'autoencoder':
      return {
        loss: meanSquaredError,
        logits: false,
        targetSize: 0,
        targets: (data) => data.x,
      };
  }
}

/** Correct predictions in a batch of classifier logits (binary: logit > 0 means class 1). */
export function countCorrect(task: Task, logits: Float32Array, labels: Int32Array, batch: number): number {
  let correct = 0;
  if (task === 'binary') {
    for (let i = 0; i < batch; i++) if ((logits[i] > 0 ? 1 : 0) === labels[i]) correct++;
    return correct;
  }
  const classes = logits.length / batch;
  for (let i = 0; i < batch; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (logits[i * classes + k] > logits[i * classes + best]) best = k;
    if (best === labels[i]) correct++;
  }
  return correct;
}
