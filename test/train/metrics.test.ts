import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { Random } from '../../src/util/random.js';
import {
  accuracy,
  anomalyAuc,
  binaryF1,
  chooseThreshold,
  classificationReport,
  confusionMatrix,
  isAnomalous,
  precisionRecallF1,
  rocAuc,
} from '../../src/train/metrics/index.js';
import { quantile } from '../../src/train/metrics/quantile.js';

function close(actual: number, expected: number, tolerance = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);
}

function throwsLine(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof EdgeforgeError && pattern.test(error.oneLine()));
}

// Class 2 is never predicted. Counted by hand: rows = true class, columns = predicted.
const yTrue = Int32Array.from([0, 0, 1, 1, 2, 2, 2]);
const yPred = Int32Array.from([0, 1, 1, 1, 0, 0, 1]);

test('confusion matrix and accuracy', () => {
  assert.deepEqual(confusionMatrix(yTrue, yPred, 3), [
    [1, 1, 0],
    [0, 2, 0],
    [2, 1, 0],
  ]);
  close(accuracy(yTrue, yPred), 3 / 7);
});

test('precision, recall and F1 per class, macro and weighted, with an empty predicted class scoring 0', () => {
  // By hand (scikit-learn's zero_division default gives 0 for class 2's precision):
  // class 0: P = 1/3, R = 1/2, F1 = 2*1 / (2 + 3) = 0.4
  // class 1: P = 2/4, R = 2/2, F1 = 2*2 / (2 + 4) = 2/3
  // class 2: P = 0 (nothing predicted), R = 0/3, F1 = 0 / (3 + 0) = 0
  const { perClass, macro, weighted } = precisionRecallF1(yTrue, yPred, 3);
  [1 / 3, 0.5, 0].forEach((p, c) => close(perClass.precision[c], p));
  [0.5, 1, 0].forEach((r, c) => close(perClass.recall[c], r));
  [0.4, 2 / 3, 0].forEach((f, c) => close(perClass.f1[c], f));
  assert.deepEqual(perClass.support, [2, 2, 3]);
  close(macro.precision, (1 / 3 + 0.5) / 3);
  close(macro.recall, 1.5 / 3);
  close(macro.f1, (0.4 + 2 / 3) / 3);
  close(weighted.f1, (2 * 0.4 + 2 * (2 / 3)) / 7);
  close(weighted.recall, 3 / 7);
  // With labels 0..2 given, a class absent from truth and predictions still counts (as 0) in the macro mean.
  close(precisionRecallF1([0, 1, 1], [0, 1, 1], 3).macro.f1, 2 / 3);
});

test('binary F1 of the positive class', () => {
  // Class 1: tp 2, fp 1, fn 1 -> 4/6. Class 0: tp 1, fp 1, fn 1 -> 2/4.
  close(binaryF1([0, 1, 1, 0, 1], [0, 1, 0, 1, 1]), 2 / 3);
  close(binaryF1([0, 1, 1, 0, 1], [0, 1, 0, 1, 1], 0), 0.5);
  close(binaryF1([0, 0, 1], [0, 0, 0]), 0);
});

test("ROC-AUC treats identical scores as one threshold, like scikit-learn's roc_auc_score", () => {
  // scikit-learn documentation example.
  close(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
  // A positive and a negative tied at 0.5 count as half a correctly ordered pair: (1 + 0.5 + 1 + 1) / 4.
  close(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), 0.875);
  close(rocAuc([true, false, true], [0.3, 0.3, 0.3]), 0.5);
  // Against the Mann-Whitney pair count on many ties: AUC = P(s+ > s-) + P(s+ = s-) / 2.
  const random = new Random(3);
  const labels = Array.from({ length: 300 }, () => random.int(2));
  const scores = labels.map((label) => Math.round((random.next() + 0.3 * label) * 10) / 10);
  let pairs = 0;
  let wins = 0;
  labels.forEach((a, i) =>
    labels.forEach((b, j) => {
      if (a !== 1 || b !== 0) return;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }),
  );
  close(rocAuc(labels, scores), wins / pairs);
  throwsLine(() => rocAuc([1, 1], [0.2, 0.4]), /only positive samples: ROC-AUC is undefined/);
  throwsLine(() => rocAuc([0, 2], [0.2, 0.4]), /labels\[1\]: 2 is not a binary label/);
  throwsLine(() => rocAuc([0, 1], [0.2, NaN]), /scores\[1\]: NaN is not a finite number/);
});

test('the classification report gathers per-class, macro, weighted, confusion and binary scores', () => {
  const report = classificationReport(yTrue, yPred, ['idle', 'walk', 'run']);
  assert.deepEqual(
    report.classes.map((c) => [c.name, c.support]),
    [
      ['idle', 2],
      ['walk', 2],
      ['run', 3],
    ],
  );
  close(report.classes[1].f1, 2 / 3);
  close(report.accuracy, 3 / 7);
  close(report.macro.f1, (0.4 + 2 / 3) / 3);
  assert.equal(report.rocAuc, undefined);
  assert.equal(report.binaryF1, undefined);
  assert.deepEqual(report.confusionMatrix[2], [2, 1, 0]);

  const binary = classificationReport([0, 0, 1, 1], [0, 1, 0, 1], ['ok', 'fault'], [0.1, 0.4, 0.35, 0.8]);
  close(binary.rocAuc ?? NaN, 0.75);
  close(binary.binaryF1 ?? NaN, 0.5);
  throwsLine(() => classificationReport(yTrue, yPred, ['a', 'b', 'c'], [0.1]), /binary only/);
  throwsLine(
    () => classificationReport([0, 3], [0, 1], ['a', 'b']),
    /metrics: yTrue\[1\]: 3 is not a class id/,
  );
});

test('the anomaly threshold is a NumPy-linear quantile of healthy validation errors by default', () => {
  const healthy = [0.1, 0.5, 0.2, 0.9, 0.3, 0.4, 0.25, 0.35, 0.15, 0.6];
  // numpy.quantile(healthy, q) in python3 for q = 0.99, 0.5, 0.9, 0, 1, 0.37.
  close(chooseThreshold(healthy), 0.8730000000000001, 0);
  close(quantile(healthy, 0.5), 0.32499999999999996, 0);
  close(quantile(healthy, 0.9), 0.6299999999999999, 0);
  close(quantile(healthy, 0), 0.1, 0);
  close(quantile(healthy, 1), 0.9, 0);
  close(quantile(healthy, 0.37), 0.2665, 0);
  assert.equal(isAnomalous(0.9, chooseThreshold(healthy)), true);
  assert.equal(isAnomalous(0.6, chooseThreshold(healthy)), false);
  throwsLine(() => chooseThreshold([]), /threshold: healthyErrors: no validation windows/);
  throwsLine(() => chooseThreshold(healthy, { kind: 'quantile', quantile: 1.5 }), /threshold.quantile/);
});

test('the best-F1 threshold sits between errors and prefers the higher threshold on ties', () => {
  // Cuts from the top (tp, fp; F1 = 2tp / (2tp + fp + fn)), 3 faulty windows:
  // below 0.9: (1, 0) 0.5; below 0.8: (2, 0) 0.8; below 0.4: (2, 1) 0.667;
  // below 0.35: (3, 1) 0.857 <- best, threshold (0.35 + 0.3) / 2; then 0.75, 0.667.
  const healthy = [0.1, 0.2, 0.3, 0.4];
  const faulty = [0.35, 0.8, 0.9];
  close(chooseThreshold(healthy, { kind: 'best-f1', faultyErrors: faulty }), 0.325);
  // F1 2/3 both below 0.9 and below 0.3: the higher cut, (0.9 + 0.6) / 2, wins.
  close(chooseThreshold([0.1, 0.5, 0.6], { kind: 'best-f1', faultyErrors: [0.9, 0.3] }), 0.75);
  throwsLine(
    () => chooseThreshold([0.2, 0.2], { kind: 'best-f1', faultyErrors: [0.2] }),
    /every validation window has the same reconstruction error/,
  );
  // Faulty 0.35 beats 3 of 4 healthy errors, 0.8 and 0.9 beat all: 11 / 12.
  close(anomalyAuc([...healthy, ...faulty], [0, 0, 0, 0, 1, 1, 1]), 11 / 12);
});
