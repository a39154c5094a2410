import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphBuilder } from '../../src/graph/lower/graph-builder.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { graphStats } from '../../src/graph/stats.js';
import { presetModel, untrainedModel } from './model-fixtures.js';

test('mlp: parameters, MACs and bytes by hand (the flatten shape operand is no parameter)', () => {
  const stats = graphStats(lowerModel(presetModel('mlp', 16, 3, 3).model));
  // 48·64 + 64, 64·32 + 32, 32·3 + 3
  assert.equal(stats.parameters, 3136 + 2080 + 99);
  assert.equal(stats.macs, 48 * 64 + 64 * 32 + 32 * 3);
  assert.equal(stats.weightBytes, 5315 * 4);
  assert.deepEqual(stats.weightBytesByDtype, { float32: 5315 * 4 });
  // SOFTMAX over 3 values; the fused ReLUs and the reshape count nothing.
  assert.equal(stats.elementOps, 3);
});

test('lstm-tutorial: T·4u·(in + u) per LSTM; the slice bounds are no parameters', () => {
  const stats = graphStats(lowerModel(presetModel('lstm-tutorial', 16, 3, 2).model));
  assert.equal(stats.parameters, 4 * 32 * (3 + 32) + 4 * 32 + (4 * 16 * (32 + 16) + 4 * 16) + 17);
  assert.equal(stats.macs, 16 * 4 * 32 * (3 + 32) + 16 * 4 * 16 * (32 + 16) + 16);
  assert.deepEqual(
    stats.ops.map((cost) => cost.macs),
    [71680, 49152, 0, 16, 0],
  );
});

test('gru-small: T·3u·(in + u)', () => {
  const stats = graphStats(lowerModel(presetModel('gru-small', 16, 3, 3).model));
  assert.equal(stats.parameters, 3 * 24 * 3 + 3 * 24 * 24 + 2 * 72 + 24 * 3 + 3);
  assert.equal(stats.macs, 16 * 72 * (3 + 24) + 24 * 3);
});

test('cnn1d-small: outW·out·k·in per convolution, pools and the mean as element ops', () => {
  const stats = graphStats(lowerModel(presetModel('cnn1d-small', 16, 3, 2).model));
  assert.equal(stats.parameters, 5 * 3 * 16 + 16 + (3 * 16 * 32 + 32) + (3 * 32 * 32 + 32) + 33);
  assert.equal(stats.macs, 16 * 16 * 5 * 3 + 8 * 32 * 3 * 16 + 4 * 32 * 3 * 32 + 32);
  // max pools: 8·16 and 4·32 outputs of 2 taps; the mean reads 4·32 values; LOGISTIC 1.
  assert.equal(stats.elementOps, 8 * 16 * 2 + 4 * 32 * 2 + 4 * 32 + 1);
});

test('depthwise: positions·channels·k; BatchNorm that cannot fold counts its two vectors', () => {
  const { model } = untrainedModel(
    [
      { type: 'depthwise_conv1d', kernelSize: 3, depthMultiplier: 2, activation: 'relu' },
      { type: 'batch_normalization' },
    ],
    10,
    2,
    'autoencoder',
    ['a', 'b'],
  );
  const stats = graphStats(lowerModel(model));
  assert.equal(stats.macs, 8 * 4 * 3);
  assert.equal(stats.parameters, 3 * 2 * 2 + 4 + 4 + 4);
  // MUL and ADD over 8·4 values each.
  assert.equal(stats.elementOps, 64);
});

test('weight bytes are split by dtype', () => {
  const b = new GraphBuilder();
  const x = b.input('input', [1, 3]);
  b.tensors[x]!.dtype = 'int8';
  b.tensors[x]!.quantization = { scale: [0.1], zeroPoint: [0] };
  const kernel = b.constant('k', [2, 3], new Int8Array(6));
  b.tensors[kernel]!.quantization = { scale: [0.1], zeroPoint: [0] };
  const bias = b.constant('b', [2], new Int32Array(2));
  b.tensors[bias]!.quantization = { scale: [0.01], zeroPoint: [0] };
  const y = b.add(
    {
      type: 'FULLY_CONNECTED',
      inputs: [x, kernel, bias],
      options: { fusedActivation: 'NONE', keepNumDims: false },
    },
    'y',
  );
  b.tensors[y]!.quantization = { scale: [0.2], zeroPoint: [0] };
  const stats = graphStats(b.build([x], [y], { task: 'other', classes: [], source: 'q' }));
  assert.deepEqual(stats.weightBytesByDtype, { int8: 6, int32: 8 });
  assert.equal(stats.weightBytes, 14);
  assert.equal(stats.parameters, 8);
  assert.equal(stats.macs, 6);
});
