import { EdgeforgeError, UsageError } from '../../errors.js';

/**
 * Per-class loss weights. 'balanced' is scikit-learn's n_samples / (n_classes * count_c),
 * so every class contributes the same total weight; a list gives the weights directly.
 */
export function classWeights(y: Int32Array, classes: number, mode: 'balanced' | number[]): number[] {
  if (mode !== 'balanced') return checkExplicitWeights(mode, classes);
  const counts = classCounts(y, classes);
  return counts.map((count, c) => {
    if (count === 0) {
      throw new EdgeforgeError(`class ${c} has no training samples, so its balanced weight is undefined`, {
        place: 'class weights',
        fix: 'Make sure every class is in the training split, or give explicit class weights',
      });
    }
    return y.length / (classes * count);
  });
}

/** One weight per sample: the weight of its class. */
export function sampleWeightsFromClasses(y: Int32Array, weights: number[]): Float32Array {
  const sampleWeights = new Float32Array(y.length);
  y.forEach((label, i) => {
    checkClassId(label, weights.length, i);
    sampleWeights[i] = weights[label];
  });
  return sampleWeights;
}

function classCounts(y: Int32Array, classes: number): number[] {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new UsageError(`class count ${classes} is not a positive integer`, { place: 'class weights' });
  }
  const counts = new Array<number>(classes).fill(0);
  y.forEach((label, i) => {
    checkClassId(label, classes, i);
    counts[label]++;
  });
  return counts;
}

function checkExplicitWeights(weights: number[], classes: number): number[] {
  if (weights.length !== classes) {
    throw new UsageError(`${weights.length} class weights for ${classes} classes`, {
      place: 'class weights',
      fix: "Give one weight per class, in class order, or use 'balanced'",
    });
  }
  weights.forEach((weight, c) => {
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new UsageError(`weight ${weight} is not a finite number >= 0`, {
        place: `class weights: class ${c}`,
        fix: 'Use non-negative class weights',
      });
    }
  });
  return [...weights];
}

function checkClassId(label: number, classes: number, index: number): void {
  if (label < 0 || label >= classes) {
    throw new EdgeforgeError(`class id ${label} is outside 0..${classes - 1}`, {
      place: `class weights: label ${index}`,
      fix: 'Pass the class ids of the training split and the number of classes',
    });
  }
}
