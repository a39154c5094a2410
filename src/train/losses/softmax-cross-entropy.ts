import { EdgeforgeError } from '../../errors.js';
import { rowLogSumExp } from './activations.js';
import { checkLossInputs, checkTargets, sampleWeight, type Loss } from './loss.js';

/** Target probability of class k for sample i, after the targets passed their checks. */
type TargetAt = (sample: number, k: number) => number;
type TargetReader = (
  name: string,
  targets: Float32Array | Int32Array,
  batch: number,
  classes: number,
) => TargetAt;

/**
 * Cross-entropy of softmax(logits) against target rows: l_i = -sum_k y_k log p_k with
 * log p_k = z_k - logSumExp(z), so no probability is ever rounded to 0 before its log.
 * dl/dz_k = p_k * sum(y) - y_k (sum(y) = 1 for one-hot rows).
 */
function softmaxCrossEntropy(name: string, readTargets: TargetReader): Loss {
  return {
    name,
    compute(output, targets, batch, grad, sampleWeights) {
      const classes = checkLossInputs(name, { output, batch, grad, sampleWeights });
      if (classes < 2) {
        throw new EdgeforgeError(`${classes} output per sample; softmax needs at least 2 classes`, {
          place: `loss ${name}`,
          fix: 'Use binary_crossentropy with one logit per sample for two classes',
        });
      }
      const targetAt = readTargets(name, targets, batch, classes);
      const scale = 1 / batch;
      let total = 0;
      for (let i = 0; i < batch; i++) {
        const offset = i * classes;
        const logSum = rowLogSumExp(output, offset, classes);
        const weight = sampleWeight(sampleWeights, i);
        let sampleLoss = 0;
        let targetSum = 0;
        for (let k = 0; k < classes; k++) {
          const y = targetAt(i, k);
          sampleLoss -= y * (output[offset + k] - logSum);
          targetSum += y;
        }
        for (let k = 0; k < classes; k++) {
          const probability = Math.exp(output[offset + k] - logSum);
          grad[offset + k] = weight * scale * (probability * targetSum - targetAt(i, k));
        }
        total += weight * sampleLoss;
      }
      return total * scale;
    },
  };
}

/** Targets are rows of class probabilities (one-hot), a Float32Array [batch, classes]. */
export const categoricalCrossEntropy = softmaxCrossEntropy(
  'categorical_crossentropy',
  (name, targets, batch, classes) => {
    const rows = checkTargets(name, targets, {
      kind: Float32Array,
      description: 'one-hot rows [batch, classes]',
      length: batch * classes,
    });
    rows.forEach((y, j) => {
      if (!(y >= 0 && y <= 1)) {
        throw new EdgeforgeError(`target ${y} is outside [0, 1]`, {
          place: `loss ${name}: targets[${j}]`,
          fix: 'Pass one-hot rows (or class probabilities)',
        });
      }
    });
    return (i, k) => rows[i * classes + k];
  },
);

/** Targets are class ids, an Int32Array [batch]. */
export const sparseCategoricalCrossEntropy = softmaxCrossEntropy(
  'sparse_categorical_crossentropy',
  (name, targets, batch, classes) => {
    const ids = checkTargets(name, targets, {
      kind: Int32Array,
      description: 'one class id per sample',
      length: batch,
    });
    ids.forEach((id, i) => {
      if (id < 0 || id >= classes) {
        throw new EdgeforgeError(`class id ${id} is outside 0..${classes - 1}`, {
          place: `loss ${name}: targets[${i}]`,
          fix: `The model has ${classes} outputs; pass class ids below that`,
        });
      }
    });
    return (i, k) => (ids[i] === k ? 1 : 0);
  },
);
