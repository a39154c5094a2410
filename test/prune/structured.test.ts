import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerModel } from '../../src/graph/lower/index.js';
import { planMemory } from '../../src/graph/plan/index.js';
import { inferShapes } from '../../src/graph/shapes.js';
import { graphStats } from '../../src/graph/stats.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { pruneStructured } from '../../src/prune/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { instantiate, type TrainedModel } from '../../src/train/model-file.js';
import { presetModel, randomInputs, untrainedModel } from '../graph/model-fixtures.js';
import { toyWindows } from '../train/fixtures.js';

const noData = { train: toyWindows(4, 4, 1), validation: toyWindows(4, 4, 2) };

/** Zeroes, in a [rows, ...] row-major tensor of `rowSize` values per row, the listed rows. */
function zeroRows(values: Float32Array, rowSize: number, rows: number[]): void {
  for (const row of rows) values.fill(0, row * rowSize, (row + 1) * rowSize);
}

/** Zeroes input channels of a conv kernel [taps, in, filters]. */
function zeroInputChannels(
  values: Float32Array,
  taps: number,
  inputs: number,
  filters: number,
  channels: number[],
): void {
  for (let tap = 0; tap < taps; tap++)
    for (const c of channels) values.fill(0, (tap * inputs + c) * filters, (tap * inputs + c + 1) * filters);
}

/** Picks the listed positions of a flat array. */
const pick = (values: Float32Array, positions: number[]) => Float32Array.from(positions, (p) => values[p]!);

function outputsOf(model: TrainedModel, inputs: Float32Array, batch: number): Float32Array {
  return Float32Array.from(instantiate(model).forward(inputs, batch));
}

test('importance is incoming L1 × outgoing L1: the unit removed is neither the weakest in nor out', async () => {
  const { model } = untrainedModel(
    [
      { type: 'flatten' },
      { type: 'dense', units: 3, activation: 'relu' },
      { type: 'dense', units: 1, activation: 'sigmoid' },
    ],
    1,
    2,
    'binary',
    ['0', '1'],
  );
  // Incoming (kernel columns) 1, 4, 2; outgoing (next kernel rows) 5, 1, 1.5; products 5, 4, 3.
  model.weights['dense_1/kernel'] = Float32Array.from([0.5, 2, 1, -0.5, -2, 1]);
  model.weights['dense_2/kernel'] = Float32Array.from([5, -1, 1.5]);
  const result = await pruneStructured(model, noData, { fraction: 0.34, fineTuneEpochs: 0 });
  assert.deepEqual(result.model.weights['dense_1/kernel'], Float32Array.from([0.5, 2, -0.5, -2]));
  assert.deepEqual(result.model.weights['dense_2/kernel'], Float32Array.from([5, -1]));
  assert.deepEqual(result.model.weights['dense_1/bias'], model.weights['dense_1/bias']!.subarray(0, 2));
});

test('recurrent stack: units with zero outgoing weights are removed without changing any output', async () => {
  const layers: LayerSpec[] = [
    { type: 'lstm', units: 6, returnSequences: true },
    { type: 'gru', units: 4 },
    { type: 'dense', units: 5, activation: 'relu' },
    { type: 'dropout', rate: 0.3 },
    { type: 'dense', units: 3, activation: 'softmax' },
  ];
  const { model } = untrainedModel(layers, 5, 2, 'multiclass', ['a', 'b', 'c']);
  const w = model.weights;
  // LSTM units 1, 3, 4: their rows of the GRU kernel [6, 12] and of the LSTM recurrent kernel [6, 24].
  zeroRows(w['gru_1/kernel']!, 12, [1, 3, 4]);
  zeroRows(w['lstm_1/recurrent_kernel']!, 24, [1, 3, 4]);
  // GRU units 0, 2: rows of dense_1's kernel [4, 5] and of the GRU recurrent kernel [4, 12].
  zeroRows(w['dense_1/kernel']!, 5, [0, 2]);
  zeroRows(w['gru_1/recurrent_kernel']!, 12, [0, 2]);
  // dense_1 neurons 1, 2, 4: rows of dense_2's kernel [5, 3].
  zeroRows(w['dense_2/kernel']!, 3, [1, 2, 4]);

  const result = await pruneStructured(model, noData, { fraction: 0.5, fineTuneEpochs: 0 });
  assert.deepEqual(result.layers, [
    { layer: 'lstm_1', before: 6, after: 3, sparsity: 0.5 },
    { layer: 'gru_1', before: 4, after: 2, sparsity: 0.5 },
    // round(0.5·5) = 3 removed; the softmax layer keeps its 3 classes.
    { layer: 'dense_1', before: 5, after: 2, sparsity: 0.6 },
  ]);
  const pruned = result.model.weights;
  // LSTM keeps units 0, 2, 5 in each of its 4 gate blocks of 6 columns.
  const lstmColumns = [0, 2, 5, 6, 8, 11, 12, 14, 17, 18, 20, 23];
  const lstmKernel = w['lstm_1/kernel']!;
  assert.deepEqual(
    pruned['lstm_1/kernel'],
    pick(lstmKernel, [...lstmColumns, ...lstmColumns.map((c) => c + 24)]),
  );
  assert.deepEqual(
    pruned['lstm_1/recurrent_kernel'],
    pick(
      w['lstm_1/recurrent_kernel']!,
      [0, 2, 5].flatMap((row) => lstmColumns.map((c) => row * 24 + c)),
    ),
  );
  assert.deepEqual(pruned['lstm_1/bias'], pick(w['lstm_1/bias']!, lstmColumns));
  // GRU keeps units 1, 3 of 3 gate blocks of 4; its input rows are LSTM units 0, 2, 5; both bias rows shrink.
  const gruColumns = [1, 3, 5, 7, 9, 11];
  assert.deepEqual(
    pruned['gru_1/kernel'],
    pick(
      w['gru_1/kernel']!,
      [0, 2, 5].flatMap((row) => gruColumns.map((c) => row * 12 + c)),
    ),
  );
  assert.deepEqual(pruned['gru_1/recurrent_kernel']!.length, 2 * 6);
  assert.deepEqual(
    pruned['gru_1/bias'],
    pick(w['gru_1/bias']!, [...gruColumns, ...gruColumns.map((c) => c + 12)]),
  );
  assert.deepEqual(pruned['dense_1/kernel'], pick(w['dense_1/kernel']!, [5, 8, 15, 18]));
  assert.deepEqual(pruned['dense_2/kernel'], pick(w['dense_2/kernel']!, [0, 1, 2, 9, 10, 11]));
  assert.deepEqual(
    result.model.architecture.layers.map((spec) => ('units' in spec ? spec.units : undefined)),
    [3, 2, 2, undefined, 3],
  );

  const inputs = randomInputs(7 * 5 * 2, 11);
  const expected = outputsOf(model, inputs, 7);
  // Exact: the removed terms were all 0·x, so every remaining sum adds the same values in the same order.
  assert.deepEqual(outputsOf(result.model, inputs, 7), expected);
});

test('conv stack through BatchNorm, pooling, depthwise and flatten: shapes and outputs', async () => {
  const layers: LayerSpec[] = [
    { type: 'conv1d', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' },
    { type: 'batch_normalization' },
    { type: 'max_pooling1d', poolSize: 2 },
    { type: 'depthwise_conv1d', kernelSize: 3, depthMultiplier: 2, padding: 'same' },
    { type: 'conv1d', filters: 3, kernelSize: 3 },
    { type: 'flatten' },
    { type: 'dense', units: 4, activation: 'relu' },
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ];
  const { model } = untrainedModel(layers, 8, 2, 'binary', ['0', '1']);
  const w = model.weights;
  // conv1d_1 filters 0, 3 reach conv1d_2 (kernel [3, 8, 3]) as depthwise channels 0, 1 and 6, 7.
  zeroInputChannels(w['conv1d_2/kernel']!, 3, 8, 3, [0, 1, 6, 7]);
  // conv1d_2 filters 1, 2 reach dense_1 (kernel [6, 4]) flattened over 2 steps: rows 1, 2, 4, 5.
  zeroRows(w['dense_1/kernel']!, 4, [1, 2, 4, 5]);
  // dense_1 neurons 2, 3: rows of dense_2's kernel [4, 1].
  zeroRows(w['dense_2/kernel']!, 1, [2, 3]);

  const result = await pruneStructured(model, noData, { fraction: 0.5, fineTuneEpochs: 0 });
  assert.deepEqual(
    result.layers.map((row) => [row.layer, row.before, row.after]),
    [
      ['conv1d_1', 4, 2],
      ['conv1d_2', 3, 1],
      ['dense_1', 4, 2],
    ],
  );
  const pruned = result.model.weights;
  const shapes = Object.fromEntries(
    instantiate(result.model)
      .params()
      .map((param) => [param.name, param.shape]),
  );
  assert.deepEqual(shapes['conv1d_1/kernel'], [3, 2, 2]);
  assert.deepEqual(shapes['depthwise_conv1d_1/depthwise_kernel'], [3, 2, 2]);
  assert.deepEqual(shapes['conv1d_2/kernel'], [3, 4, 1]);
  assert.deepEqual(shapes['dense_1/kernel'], [2, 2]);
  assert.deepEqual(shapes['dense_2/kernel'], [2, 1]);
  for (const kind of ['gamma', 'beta', 'moving_mean', 'moving_variance']) {
    assert.deepEqual(
      pruned[`batch_normalization_1/${kind}`],
      pick(w[`batch_normalization_1/${kind}`]!, [1, 2]),
    );
  }
  assert.deepEqual(pruned['depthwise_conv1d_1/bias'], pick(w['depthwise_conv1d_1/bias']!, [2, 3, 4, 5]));
  // dense_1 reads conv1d_2 filter 0 at steps 0 and 1 (rows 0, 3) and keeps neurons 0, 1.
  assert.deepEqual(pruned['dense_1/kernel'], pick(w['dense_1/kernel']!, [0, 1, 12, 13]));

  const inputs = randomInputs(5 * 8 * 2, 5);
  const expected = outputsOf(model, inputs, 5);
  assert.deepEqual(outputsOf(result.model, inputs, 5), expected);
});

function costs(model: TrainedModel): { macs: number; arena: number } {
  const graph = lowerModel(model);
  return { macs: graphStats(graph).macs, arena: planMemory(graph, inferShapes(graph, 1)).arenaBytes };
}

test('lstm-tutorial halved: MACs by hand, smaller arena, and the runtime runs it like the network', async () => {
  const { model } = presetModel('lstm-tutorial', 16, 3, 2);
  const result = await pruneStructured(model, noData, { fraction: 0.5, fineTuneEpochs: 0 });
  const before = costs(model);
  const after = costs(result.model);
  // LSTM(32)->LSTM(16)->Dense(1) becomes LSTM(16)->LSTM(8)->Dense(1): T·4u·(in + u) per LSTM.
  assert.equal(after.macs, 16 * 4 * 16 * (3 + 16) + 16 * 4 * 8 * (16 + 8) + 8);
  assert.ok(after.arena < before.arena, `arena ${after.arena} < ${before.arena}`);

  const graph = lowerModel(result.model);
  const interpreter = new Interpreter(graph, { batch: 2 });
  const inputs = randomInputs(2 * 16 * 3, 9);
  interpreter.input(0).set(inputs);
  interpreter.invoke();
  const expected = instantiate(result.model).forward(inputs, 2);
  const output = interpreter.output(0);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(output[i]! - expected[i]!) < 1e-5);
});

test('cnn1d-small halved: conv MACs by hand and a smaller arena', async () => {
  const { model } = presetModel('cnn1d-small', 16, 3, 2);
  const result = await pruneStructured(model, noData, { fraction: 0.5, fineTuneEpochs: 0 });
  const before = costs(model);
  const after = costs(result.model);
  // Filters 16, 32, 32 -> 8, 16, 16: outputs·k·in per convolution, then the 16-input head.
  assert.equal(after.macs, 16 * 8 * 5 * 3 + 8 * 16 * 3 * 8 + 4 * 16 * 3 * 16 + 16);
  assert.ok(after.arena < before.arena, `arena ${after.arena} < ${before.arena}`);
});

test('fine-tuning trains the smaller model', async () => {
  const { model } = untrainedModel(
    [
      { type: 'conv1d', filters: 4, kernelSize: 3, activation: 'relu' },
      { type: 'global_average_pooling1d' },
      { type: 'dense', units: 1, activation: 'sigmoid' },
    ],
    8,
    1,
    'binary',
    ['0', '1'],
  );
  const data = { train: toyWindows(32, 8, 1), validation: toyWindows(8, 8, 2) };
  const untuned = await pruneStructured(model, data, { fraction: 0.5, fineTuneEpochs: 0 });
  const tuned = await pruneStructured(model, data, { fraction: 0.5, fineTuneEpochs: 1 });
  assert.equal(tuned.model.training.history.length, 1);
  assert.deepEqual(tuned.model.weights['conv1d_1/kernel']!.length, 3 * 2);
  assert.notDeepEqual(tuned.model.weights['conv1d_1/kernel'], untuned.model.weights['conv1d_1/kernel']);
});

test('autoencoder: hidden layers shrink, the reconstruction keeps the input size', async () => {
  const { model } = presetModel('autoencoder', 8, 1, 2);
  model.anomaly = { threshold: 0.5, normalClass: '0' };
  const data = { train: toyWindows(24, 8, 1), validation: toyWindows(8, 8, 2) };
  const result = await pruneStructured(model, data, { fraction: 0.5, fineTuneEpochs: 1 });
  assert.deepEqual(
    result.model.architecture.layers.flatMap((spec) => (spec.type === 'dense' ? [spec.units] : [])),
    [16, 4, 16, 8],
  );
  assert.deepEqual(instantiate(result.model).outputShape, [8]);
  // Fine-tuning saw the 12 windows of the normal class only.
  assert.equal(result.model.training.history[0]!.samples, 12);
});
