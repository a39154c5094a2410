import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compressModel } from '../../src/compress/compress-model.js';
import { loadModelData } from '../../src/compress/load-data.js';
import { VARIANT_NAMES } from '../../src/compress/variant-names.js';
import { compressSectionSchema } from '../../src/config/compress-schema.js';
import { decodeGraph } from '../../src/graph/format.js';
import { loadModel } from '../../src/train/model-file.js';
import { SMALL_CONV_PARAMETERS, tempDir, trainSmall } from './fixtures.js';

const dir = await tempDir();
const { file, model } = await trainSmall(join(dir, 'b.csv'));
const data = await loadModelData(model, file);
const out = join(dir, 'compress');
const result = await compressModel(model, data, {
  settings: compressSectionSchema.parse({
    variants: [...VARIANT_NAMES],
    calibration: { size: 100 },
    qat: { epochs: 1 },
    prune: { fineTuneEpochs: 1 },
    structured: { fraction: 0.5, fineTuneEpochs: 1 },
    latencyRuns: 20,
  }),
  out,
});
const variant = (name: string) => result.variants.find((v) => v.name === name)!;

test('every variant is built, in the order asked, and written as a readable .efg', async () => {
  assert.deepEqual(
    result.variants.map((v) => v.name),
    [...VARIANT_NAMES],
  );
  for (const v of result.variants) {
    const graph = decodeGraph(await readFile(v.files.graph));
    assert.equal(graph.ops.length, v.graph.ops.length, v.name);
  }
  // Retrained variants carry their float model beside the graph.
  for (const name of ['int8-qat', 'pruned-int8', 'structured-int8']) {
    const saved = await loadModel(variant(name).files.model!);
    assert.deepEqual(Object.keys(saved.weights), Object.keys(variant(name).model!.weights));
  }
  assert.equal(variant('int8').files.model, undefined);
});

test('weight bytes by hand: float 4 bytes per parameter, float16 2, int8 weights 1 byte and int32 biases', () => {
  assert.equal(result.reference.weightBytes, 4 * SMALL_CONV_PARAMETERS);
  assert.equal(variant('float32').weightBytes, 4 * SMALL_CONV_PARAMETERS);
  assert.equal(variant('float16').weightBytes, 2 * SMALL_CONV_PARAMETERS);
  // 5*16 + 3*16*16 + 16 int8 weights; 16 + 16 + 1 int32 biases.
  const int8Bytes = 80 + 768 + 16 + 4 * 33;
  for (const name of ['int8', 'int8-qat', 'pruned-int8'])
    assert.equal(variant(name).weightBytes, int8Bytes, name);
  assert.ok(variant('int8').weightRatio < 0.3);
  // Structured pruning at 0.5 keeps 8 filters per convolution: 5*8 + 3*8*8 + 8 int8 weights; 8 + 8 + 1 biases.
  assert.equal(variant('structured-int8').weightBytes, 40 + 192 + 8 + 4 * (8 + 8 + 1));
});

test('costs: MACs by hand, structured pruning shrinks MACs and arena, unstructured zeros only the sparse size', () => {
  // conv1 32 steps x 16 filters x 5 taps; conv2 16 steps x 16 x (3 x 16); dense 16.
  const macs = 32 * 16 * 5 + 16 * 16 * 48 + 16;
  assert.equal(variant('float32').macs, macs);
  assert.equal(variant('int8').macs, macs);
  assert.equal(variant('structured-int8').macs, 32 * 8 * 5 + 16 * 8 * 24 + 8);
  assert.ok(variant('structured-int8').arenaBytes < variant('int8').arenaBytes);
  assert.ok(variant('int8').arenaBytes < variant('float32').arenaBytes);
  const pruned = variant('pruned-int8').sizes;
  assert.equal(pruned.denseBytes, variant('int8').sizes.denseBytes);
  assert.ok(pruned.zeroFraction > 0.15, `zero fraction ${pruned.zeroFraction}`);
  assert.ok(pruned.sparseBytes < variant('int8').sizes.sparseBytes);
});

test('deploy targets: TFLite Micro runs float32 and full int8, not dynamic-range (hybrid) weights', () => {
  const micro = (name: string) => variant(name).targets.find((t) => t.target === 'tflite-micro')!;
  assert.equal(micro('float32').ok, true);
  assert.equal(micro('int8').ok, true);
  assert.equal(micro('dynamic-range').ok, false);
  assert.ok(micro('dynamic-range').reason);
});

test('accuracy deltas are taken against the float model, and the float32 variant is the reference', async () => {
  assert.equal(variant('float32').evaluation.accuracy, result.reference.accuracy);
  for (const v of result.variants) {
    assert.ok(v.evaluation.accuracy >= 0 && v.evaluation.accuracy <= 1);
    assert.equal(v.deltaPoints, 100 * (v.evaluation.accuracy - result.reference.accuracy));
    assert.ok(v.latencyMs > 0);
  }
  // Weight-only variants keep float activations: within a point of float here.
  assert.ok(Math.abs(variant('float16').deltaPoints) <= 1);
  assert.ok(Math.abs(variant('int8').deltaPoints) <= 5);
  const summary = JSON.parse(await readFile(result.summary, 'utf8'));
  assert.equal(summary.variants.length, VARIANT_NAMES.length);
  assert.equal(summary.variants[0].graph, undefined);
  assert.equal(summary.splits.test, data.test.count);
  assert.equal(summary.settings.calibration.size, 100);
});
