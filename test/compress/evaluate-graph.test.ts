import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { evaluateGraph, graphOutputs } from '../../src/compress/evaluate-graph.js';
import { loadModelData } from '../../src/compress/load-data.js';
import { trainSectionSchema } from '../../src/config/train-schema.js';
import { prepareData } from '../../src/data/prepare.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { postTrainingInt8 } from '../../src/quant/post-training.js';
import { evaluate } from '../../src/train/evaluate.js';
import { instantiate } from '../../src/train/model-file.js';
import { trainModel } from '../../src/train/train-model.js';
import { synthSection, tempDir, trainSmall } from './fixtures.js';

const dir = await tempDir();
const { file, model } = await trainSmall(join(dir, 'b.csv'), undefined, 2);
const data = await loadModelData(model, file);
const floatGraph = lowerModel(model);

test('evaluateGraph on the float graph agrees with the trainer’s evaluate on the same test split', () => {
  const reference = evaluate(instantiate(model), data.test, 'binary');
  const probabilities = reference.outputs;
  const predicted = Array.from(probabilities, (p) => (p > 0.5 ? 1 : 0));
  const evaluation = evaluateGraph(floatGraph, data.test, model);
  assert.equal(evaluation.accuracy, reference.accuracy);
  // Confusion counts from the trainer's probabilities, tallied here by hand.
  const counts = [
    [0, 0],
    [0, 0],
  ];
  predicted.forEach((p, i) => counts[data.test.y[i]!]![p]!++);
  assert.deepEqual(evaluation.report.confusionMatrix, counts);
  const [tp, fp, fn] = [counts[1]![1]!, counts[0]![1]!, counts[1]![0]!];
  assert.ok(Math.abs(evaluation.f1 - (2 * tp) / (2 * tp + fp + fn)) < 1e-12);
  // The runtime's probabilities match the trainer's to float32 rounding, at batch 64 with a short last batch.
  assert.ok(data.test.count % 64 !== 0);
  const outputs = graphOutputs(floatGraph, data.test);
  outputs.forEach((p, i) => assert.ok(Math.abs(p - probabilities[i]!) < 1e-5, `window ${i}`));
  // And the model's own test report, saved by the trainer, is the same.
  const saved = model.evaluation.test;
  assert.ok('accuracy' in saved);
  assert.equal(evaluation.accuracy, saved.accuracy);
});

test('an int8-I/O graph is fed quantized windows and read back dequantized', () => {
  const int8 = postTrainingInt8(floatGraph, data.train, { io: 'int8', size: 100, seed: 1 });
  const input = int8.tensors[int8.inputs[0]!]!;
  const output = int8.tensors[int8.outputs[0]!]!;
  assert.equal(input.dtype, 'int8');
  assert.equal(output.dtype, 'int8');
  const outputs = graphOutputs(int8, data.test);
  // A LOGISTIC output is int8 with scale 1/256 and zero point -128: every value is k/256.
  assert.deepEqual(output.quantization, { scale: [1 / 256], zeroPoint: [-128] });
  for (const p of outputs) assert.ok(Number.isInteger(p * 256) && p >= 0 && p < 1);
  const floatOutputs = graphOutputs(floatGraph, data.test);
  const agree = outputs.filter((p, i) => p > 0.5 === floatOutputs[i]! > 0.5).length;
  assert.ok(agree / outputs.length > 0.9, `int8 and float agree on ${agree} of ${outputs.length}`);
});

test('autoencoder: reconstruction error against the model’s threshold gives the trainer’s AUC and report', async () => {
  const prepared = await prepareData(synthSection(join(dir, 'ae.csv'), 300));
  const autoencoder = await trainModel(
    prepared,
    trainSectionSchema.parse({ preset: 'autoencoder', epochs: 3, checkpoint: false }),
  );
  const saved = autoencoder.evaluation.test;
  assert.ok('auc' in saved);
  const evaluation = evaluateGraph(lowerModel(autoencoder), prepared.test, autoencoder);
  assert.ok(Math.abs(evaluation.auc! - saved.auc) < 1e-3);
  assert.deepEqual(evaluation.report.confusionMatrix, saved.report.confusionMatrix);
  assert.equal(evaluation.f1, saved.report.binaryF1);
});
