import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { Random } from '../../src/util/random.js';
import {
  argmaxRows,
  binaryClasses,
  binaryCrossEntropy,
  categoricalCrossEntropy,
  classWeights,
  meanSquaredError,
  sampleWeightsFromClasses,
  sigmoid,
  softmax,
  sparseCategoricalCrossEntropy,
  type Loss,
} from '../../src/train/losses/index.js';

function close(actual: number, expected: number, tolerance = 1e-6): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);
}

/**
 * Central finite differences of the loss value (a double computed from float32 inputs).
 * The step is taken from the stored float32 neighbours, so the quotient uses the exact
 * perturbation and the only error left is the O(h^2) truncation.
 */
function checkGradient(
  loss: Loss,
  output: Float32Array,
  targets: Float32Array | Int32Array,
  batch: number,
  sampleWeights?: Float32Array,
): void {
  const grad = new Float32Array(output.length);
  loss.compute(output, targets, batch, grad, sampleWeights);
  const scratch = new Float32Array(output.length);
  for (let j = 0; j < output.length; j++) {
    const original = output[j];
    output[j] = original + 1e-3;
    const up = output[j];
    const lossUp = loss.compute(output, targets, batch, scratch, sampleWeights);
    output[j] = original - 1e-3;
    const down = output[j];
    const lossDown = loss.compute(output, targets, batch, scratch, sampleWeights);
    output[j] = original;
    const numeric = (lossUp - lossDown) / (up - down);
    assert.ok(
      Math.abs(numeric - grad[j]) <= 1e-4 * Math.abs(grad[j]) + 1e-7,
      `${loss.name} output ${j}: analytic ${grad[j]}, finite difference ${numeric}`,
    );
  }
}

function randomArray(random: Random, length: number, scale: number): Float32Array {
  return Float32Array.from({ length }, () => random.normal(0, scale));
}

test('binary cross-entropy matches -y log p - (1-y) log(1-p) and its gradient (sigmoid - y) / batch', () => {
  // Reference computed in python3 with the naive formula on the float32 logits.
  const logits = Float32Array.from([2, -1, 0.5, -0.25]);
  const targets = Float32Array.from([1, 0, 1, 0]);
  const grad = new Float32Array(4);
  close(binaryCrossEntropy.compute(logits, targets, 4, grad), 0.37255152565503646, 1e-12);
  const expectedGrad = [-0.02980073050552942, 0.06723535534249878, -0.09438516719953635, 0.10945587477855048];
  expectedGrad.forEach((g, i) => close(grad[i], g, 1e-8));
  // Weighted: sum(w_i l_i) / batch, python3 gave 0.22114096250629084 for w = [2, 0.5, 1, 0].
  const weights = Float32Array.from([2, 0.5, 1, 0]);
  close(binaryCrossEntropy.compute(logits, targets, 4, grad, weights), 0.22114096250629084, 1e-12);
  assert.equal(grad[3], 0);
});

test('binary cross-entropy stays finite and exact for logits of magnitude 100', () => {
  const logits = Float32Array.from([100, -100, 100, -100]);
  const targets = Float32Array.from([0, 1, 1, 0]);
  const grad = new Float32Array(4);
  // Wrong-side samples cost |z| + log(1 + e^-100) = 100 in doubles; right-side ones e^-100 ~ 3.7e-44.
  const value = binaryCrossEntropy.compute(logits, targets, 4, grad);
  close(value, (100 + 100 + 2 * Math.exp(-100)) / 4, 1e-12);
  // Gradients (sigmoid(z) - y) / 4; e^-100 / 4 survives as a float32 subnormal.
  [0.25, -0.25, -Math.exp(-100) / 4, Math.exp(-100) / 4].forEach((g, i) => close(grad[i], g, 1e-44));
  [1, Math.exp(-100), 1, Math.exp(-100)].forEach((p, i) => close(sigmoid(logits)[i], p, 1e-44));
});

test('categorical and sparse categorical cross-entropy agree with the softmax reference', () => {
  // python3: p = exp(z) / sum(exp(z)) per row, loss = mean(-log p[class]) = 2.265126343932687.
  const logits = Float32Array.from([1, 2, 0.5, -1, 0, 3]);
  const oneHot = Float32Array.from([0, 1, 0, 1, 0, 0]);
  const ids = Int32Array.from([1, 0]);
  const gradDense = new Float32Array(6);
  const gradSparse = new Float32Array(6);
  close(categoricalCrossEntropy.compute(logits, oneHot, 2, gradDense), 2.265126343932687, 1e-12);
  close(sparseCategoricalCrossEntropy.compute(logits, ids, 2, gradSparse), 2.265126343932687, 1e-12);
  const probabilities = [
    0.23122389762214907, 0.6285317192117625, 0.1402443831660885, 0.01714782554552039, 0.04661262257797389,
    0.9362395518765056,
  ];
  probabilities.forEach((p, k) => {
    close(gradDense[k], (p - oneHot[k]) / 2, 1e-7);
    close(gradSparse[k], gradDense[k], 0);
  });
  softmax(logits, 3).forEach((p, k) => close(p, probabilities[k], 1e-7));
  // Max subtraction keeps huge logits finite: softmax([1000, 0]) = [1, e^-1000 -> 0].
  const huge = new Float32Array(2);
  close(
    sparseCategoricalCrossEntropy.compute(Float32Array.from([1000, 0]), Int32Array.from([1]), 1, huge),
    1000,
    0,
  );
  assert.deepEqual(Array.from(huge), [1, -1]);
});

test('mean squared error averages over features, then over the batch with sample weights', () => {
  // Two samples of two features: per-sample losses 0.25 and 0.625 (python3).
  const output = Float32Array.from([0.5, 1.5, -1, 2]);
  const targets = Float32Array.from([1, 1, 0, 2.5]);
  const grad = new Float32Array(4);
  close(meanSquaredError.compute(output, targets, 2, grad), 0.4375, 1e-12);
  assert.deepEqual(
    Array.from(grad),
    [-0.5, 0.5, -1, -0.5].map((d) => (2 * d) / 4),
  );
  close(meanSquaredError.compute(output, targets, 2, grad, Float32Array.from([3, 1])), 0.6875, 1e-12);
});

test('every loss gradient matches central finite differences, with and without sample weights', () => {
  const random = new Random(11);
  const batch = 5;
  const weights = Float32Array.from({ length: batch }, () => random.uniform(0, 3));
  for (const sampleWeights of [undefined, weights]) {
    const binaryTargets = Float32Array.from({ length: batch * 3 }, () => random.int(2));
    checkGradient(binaryCrossEntropy, randomArray(random, batch * 3, 3), binaryTargets, batch, sampleWeights);
    const ids = Int32Array.from({ length: batch }, () => random.int(4));
    const oneHot = new Float32Array(batch * 4);
    ids.forEach((id, i) => (oneHot[i * 4 + id] = 1));
    checkGradient(categoricalCrossEntropy, randomArray(random, batch * 4, 2), oneHot, batch, sampleWeights);
    checkGradient(
      sparseCategoricalCrossEntropy,
      randomArray(random, batch * 4, 2),
      ids,
      batch,
      sampleWeights,
    );
    const targets = randomArray(random, batch * 6, 1);
    checkGradient(meanSquaredError, randomArray(random, batch * 6, 1), targets, batch, sampleWeights);
  }
});

test('balanced class weights follow scikit-learn: n_samples / (n_classes * count)', () => {
  assert.deepEqual(classWeights(Int32Array.from([0, 0, 0, 1]), 2, 'balanced'), [4 / 6, 2]);
  assert.deepEqual(classWeights(Int32Array.from([0, 0, 1, 2, 2, 2]), 3, 'balanced'), [1, 2, 6 / 9]);
  assert.deepEqual(classWeights(Int32Array.from([0, 1]), 2, [1, 5]), [1, 5]);
  const perSample = sampleWeightsFromClasses(Int32Array.from([1, 0, 1]), [0.5, 2]);
  assert.deepEqual(Array.from(perSample), [2, 0.5, 2]);
  assert.throws(
    () => classWeights(Int32Array.from([0, 0]), 2, 'balanced'),
    /class 1 has no training samples/,
  );
  assert.throws(() => classWeights(Int32Array.from([0, 1]), 2, [1]), /1 class weights for 2 classes/);
});

test('predictions take the row argmax (first on ties) or the probability above 0.5', () => {
  assert.deepEqual(Array.from(argmaxRows(Float32Array.from([0.1, 0.7, 0.2, 0.4, 0.4, 0.2]), 3)), [1, 0]);
  assert.deepEqual(Array.from(binaryClasses(Float32Array.from([0.2, 0.5, 0.51]))), [0, 0, 1]);
});

test('bad inputs are refused with an error naming the place', () => {
  const grad = new Float32Array(2);
  assert.throws(
    () => binaryCrossEntropy.compute(Float32Array.from([0, 1]), Float32Array.from([0, 2]), 2, grad),
    (error: unknown) =>
      error instanceof EdgeforgeError && /targets\[1\].*not inside \[0, 1\]/.test(error.oneLine()),
  );
  assert.throws(
    () => sparseCategoricalCrossEntropy.compute(Float32Array.from([0, 1]), Int32Array.from([2]), 1, grad),
    /class id 2 is outside 0..1/,
  );
  assert.throws(
    () => categoricalCrossEntropy.compute(Float32Array.from([0, 1]), Int32Array.from([1]), 1, grad),
    /needs a Float32Array/,
  );
  assert.throws(
    () => meanSquaredError.compute(new Float32Array(3), new Float32Array(3), 2, grad),
    /do not split/,
  );
  assert.throws(
    () =>
      meanSquaredError.compute(new Float32Array(2), new Float32Array(2), 2, grad, Float32Array.from([1, -1])),
    /sample weight -1/,
  );
});
