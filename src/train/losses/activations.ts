/**
 * Turning logits into probabilities. The losses work on logits for numerical
 * stability; predictions and metrics need the probabilities.
 */

/** 1 / (1 + e^-z) without overflow for large |z|. */
export function stableSigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Element-wise sigmoid of binary logits. */
export function sigmoid(logits: Float32Array): Float32Array {
  const probabilities = new Float32Array(logits.length);
  for (let i = 0; i < logits.length; i++) probabilities[i] = stableSigmoid(logits[i]);
  return probabilities;
}

/** log(sum_k e^{z_k}) over one row, shifted by the row maximum so no exponent overflows. */
export function rowLogSumExp(logits: Float32Array, offset: number, classes: number): number {
  let max = -Infinity;
  for (let k = offset; k < offset + classes; k++) max = Math.max(max, logits[k]);
  let sum = 0;
  for (let k = offset; k < offset + classes; k++) sum += Math.exp(logits[k] - max);
  return max + Math.log(sum);
}

/** Row-wise softmax of logits laid out as [rows, classes]. */
export function softmax(logits: Float32Array, classes: number): Float32Array {
  const probabilities = new Float32Array(logits.length);
  for (let offset = 0; offset < logits.length; offset += classes) {
    const logSum = rowLogSumExp(logits, offset, classes);
    for (let k = offset; k < offset + classes; k++) probabilities[k] = Math.exp(logits[k] - logSum);
  }
  return probabilities;
}
