import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreOutputs } from '../../src/bench/score.js';
import type { WindowSet } from '../../src/data/types.js';

function windows(x: number[], y: number[], classes: string[], steps = 1): WindowSet {
  return {
    x: Float32Array.from(x),
    count: y.length,
    steps,
    channels: 1,
    channelNames: ['v'],
    y: Int32Array.from(y),
    classes,
    meta: {},
  };
}

test('binary: threshold 0.5, F1 of class 1, ROC-AUC of the probabilities (hand-computed)', () => {
  const data = windows([0, 0, 0, 0], [1, 0, 0, 1], ['ok', 'fault']);
  // predicted 1, 0, 1, 0: one of each right; tp 1, fp 1, fn 1 -> F1 0.5.
  // AUC: positive scores {0.9, 0.4} over negatives {0.2, 0.6}: 3 of 4 pairs ranked right.
  const scores = scoreOutputs(Float32Array.of(0.9, 0.2, 0.6, 0.4), data, { task: 'binary' });
  assert.equal(scores.accuracy, 0.5);
  assert.ok(Math.abs(scores.f1 - 0.5) < 1e-12);
  assert.ok(Math.abs(scores.auc! - 0.75) < 1e-12);
});

test('multiclass: argmax per row, macro F1', () => {
  const data = windows([0, 0, 0], [0, 1, 2], ['a', 'b', 'c']);
  const outputs = Float32Array.of(0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.2, 0.1, 0.7);
  // predicted 0, 2, 2: class a F1 1, class b F1 0, class c precision 1/2 recall 1 -> F1 2/3.
  const scores = scoreOutputs(outputs, data, { task: 'multiclass' });
  assert.ok(Math.abs(scores.accuracy - 2 / 3) < 1e-12);
  assert.ok(Math.abs(scores.f1 - (1 + 0 + 2 / 3) / 3) < 1e-12);
  assert.equal(scores.auc, undefined);
});

test('autoencoder: mean squared reconstruction error against the threshold, normal class by name', () => {
  const data = windows([0, 0, 1, 1, 2, 2], [0, 1, 1], ['healthy', 'fault'], 2);
  // errors: 0, 1, 0.25; threshold 0.5 -> predicted normal, anomaly, normal; truth normal, anomaly, anomaly.
  const reconstruction = Float32Array.of(0, 0, 0, 0, 1.5, 1.5);
  const spec = { task: 'autoencoder' as const, anomaly: { threshold: 0.5, normalClass: 'healthy' } };
  const scores = scoreOutputs(reconstruction, data, spec);
  assert.ok(Math.abs(scores.accuracy - 2 / 3) < 1e-12);
  assert.ok(Math.abs(scores.f1 - 2 / 3) < 1e-12);
  assert.equal(scores.auc, 1);
});
