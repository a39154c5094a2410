/** Class predictions from model outputs, for metrics and reports. */

/** Index of the largest value in each row of [rows, classes]; the first one wins a tie, as numpy.argmax. */
export function argmaxRows(values: Float32Array, classes: number): Int32Array {
  const predicted = new Int32Array(values.length / classes);
  for (let row = 0; row < predicted.length; row++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (values[row * classes + k] > values[row * classes + best]) best = k;
    predicted[row] = best;
  }
  return predicted;
}

/** Class 1 where the probability of class 1 is above the threshold (Keras's binary accuracy rule). */
export function binaryClasses(probabilities: Float32Array, threshold = 0.5): Int32Array {
  return Int32Array.from(probabilities, (p) => (p > threshold ? 1 : 0));
}
