import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesize } from '../../src/data/synth/index.js';

/**
 * An independent check of how hard the wide data is: classic condition-monitoring
 * features of each window fed to a logistic regression written here. A strong model
 * should do somewhat better, but the classes must overlap: never 100 %.
 */

/** Features of one window: level, impulsiveness and ringing of the high-passed signal, overall level. */
function features(window: number[]): number[] {
  const raw = window.filter((value) => !Number.isNaN(value));
  const highPass = raw.slice(1).map((value, i) => value - raw[i]);
  const n = highPass.length;
  const mean = highPass.reduce((sum, value) => sum + value, 0) / n;
  const centred = highPass.map((value) => value - mean);
  const power = centred.reduce((sum, value) => sum + value * value, 0) / n;
  const fourth = centred.reduce((sum, value) => sum + value ** 4, 0) / n;
  const peak = Math.max(...centred.map(Math.abs));
  const autocorrelation = (lag: number): number =>
    centred.slice(lag).reduce((sum, value, i) => sum + value * centred[i], 0) / n / power;
  const rawPower = raw.reduce((sum, value) => sum + value * value, 0) / raw.length;
  return [
    Math.log(power) / 2,
    fourth / (power * power),
    peak / Math.sqrt(power),
    autocorrelation(1),
    autocorrelation(2),
    autocorrelation(3),
    Math.log(rawPower) / 2,
  ];
}

/** Trains on the first `trainCount` rows (standardised features, batch gradient descent), returns test accuracy. */
function logisticAccuracy(x: number[][], y: number[], trainCount: number): number {
  const dims = x[0].length;
  const train = x.slice(0, trainCount);
  const means = Array.from(
    { length: dims },
    (_, j) => train.reduce((sum, row) => sum + row[j], 0) / trainCount,
  );
  const stds = means.map((m, j) =>
    Math.sqrt(train.reduce((sum, row) => sum + (row[j] - m) ** 2, 0) / trainCount),
  );
  const z = x.map((row) => row.map((value, j) => (value - means[j]) / stds[j]));
  const weights = new Array<number>(dims + 1).fill(0);
  const score = (row: number[]): number =>
    row.reduce((sum, value, j) => sum + value * weights[j], weights[dims]);
  for (let epoch = 0; epoch < 300; epoch++) {
    const gradient = new Array<number>(dims + 1).fill(0);
    for (let i = 0; i < trainCount; i++) {
      const error = 1 / (1 + Math.exp(-score(z[i]))) - y[i];
      z[i].forEach((value, j) => (gradient[j] += error * value));
      gradient[dims] += error;
    }
    gradient.forEach((g, j) => (weights[j] -= (0.5 * g) / trainCount));
  }
  let correct = 0;
  for (let i = trainCount; i < x.length; i++) correct += Number((score(z[i]) > 0 ? 1 : 0) === y[i]);
  return correct / (x.length - trainCount);
}

function accuracyAt(difficulty: number): number {
  const x: number[][] = [];
  const y: number[] = [];
  for (const row of synthesize({ rows: 4000, difficulty, seed: 11 }).rows()) {
    x.push(features(row.slice(0, 64) as number[]));
    y.push(Number(row[64]));
  }
  return logisticAccuracy(x, y, 2800);
}

test('difficulty: easy data is nearly separable, the default is hard but learnable, 1 is harder still', () => {
  const [easy, standard, hard] = [0, 0.5, 1].map(accuracyAt);
  console.log(`feature + logistic test accuracy: difficulty 0 ${easy}, 0.5 ${standard}, 1 ${hard}`);
  assert.ok(easy >= 0.95, `difficulty 0: ${easy}`);
  assert.ok(standard >= 0.8 && standard <= 0.97, `difficulty 0.5: ${standard}`);
  assert.ok(hard >= 0.6 && hard <= 0.85, `difficulty 1: ${hard}`);
  assert.ok(easy > standard + 0.03 && standard > hard + 0.05, `not monotonic: ${easy}, ${standard}, ${hard}`);
});
