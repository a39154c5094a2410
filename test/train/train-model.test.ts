import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainSectionSchema } from '../../src/config/train-schema.js';
import { instantiate, loadModel, saveModel } from '../../src/train/model-file.js';
import { trainModel } from '../../src/train/train-model.js';
import { evaluate } from '../../src/train/evaluate.js';
import type { AnomalyEvaluation } from '../../src/train/model-file.js';
import type { ClassificationReport } from '../../src/train/metrics/classification-report.js';
import { preparedWindows, toyWindows } from './fixtures.js';

test('a multiclass model trains with softmax, reports per-class metrics and round-trips through model.json', async () => {
  const data = preparedWindows(toyWindows(240, 16, 1, 3), toyWindows(60, 16, 2, 3), toyWindows(90, 16, 3, 3));
  const model = await trainModel(
    data,
    trainSectionSchema.parse({ preset: 'mlp', epochs: 8, optimizer: { learningRate: 0.01 } }),
  );
  assert.equal(model.task, 'multiclass');
  assert.equal(model.architecture.layers.at(-1)!.type, 'dense');
  const report = model.evaluation.test as ClassificationReport;
  assert.equal(report.classes.length, 3);
  assert.ok(report.accuracy > 0.85, `accuracy ${report.accuracy}`);
  assert.equal(
    report.confusionMatrix.flat().reduce((a, b) => a + b, 0),
    90,
  );

  const file = join(await mkdtemp(join(tmpdir(), 'edgeforge-model-')), 'model.json');
  await saveModel(file, model);
  const loaded = await loadModel(file);
  assert.deepEqual(loaded.weights, model.weights);
  const network = instantiate(loaded, file);
  const probabilities = evaluate(network, data.test, 'multiclass').outputs;
  for (let i = 0; i < 90; i++) {
    const row = probabilities.subarray(i * 3, i * 3 + 3);
    assert.ok(Math.abs(row[0]! + row[1]! + row[2]! - 1) < 1e-5);
  }
});

test('the autoencoder learns the normal class only and flags the others by a threshold chosen on validation', async () => {
  const data = preparedWindows(toyWindows(300, 16, 4), toyWindows(100, 16, 5), toyWindows(200, 16, 6));
  const model = await trainModel(
    data,
    trainSectionSchema.parse({ preset: 'autoencoder', epochs: 15, optimizer: { learningRate: 0.005 } }),
  );
  assert.equal(model.task, 'autoencoder');
  const anomaly = model.evaluation.test as AnomalyEvaluation;
  assert.equal(anomaly.normalClass, '0');
  assert.equal(model.anomaly?.threshold, anomaly.threshold);
  // Sine bursts reconstruct worse than the noise-only normal windows the model learned.
  assert.ok(anomaly.auc > 0.8, `AUC ${anomaly.auc}`);
  assert.equal(
    anomaly.report.confusionMatrix.flat().reduce((a, b) => a + b, 0),
    200,
  );
  // Only normal windows were trained on: the history counts 150 of the 300 training windows.
  assert.equal(model.training.history[0]!.samples, 150);
});
