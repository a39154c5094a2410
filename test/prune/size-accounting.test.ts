import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { GraphBuilder } from '../../src/graph/lower/graph-builder.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { graphStats } from '../../src/graph/stats.js';
import { pruneUnstructured, sizeAccounting } from '../../src/prune/index.js';
import { presetModel } from '../graph/model-fixtures.js';
import { toyWindows } from '../train/fixtures.js';

test('hand-built FULLY_CONNECTED: dense, bitmask + nonzeros, and deflate bytes', () => {
  const weights = new Float32Array(16);
  weights.set([1.5, -2, 0.25, 3], 4); // 12 of 16 zero
  const bias = Float32Array.from([0.5, 0]);
  const builder = new GraphBuilder();
  const input = builder.input('x', [1, 8]);
  const kernel = builder.constant('w', [2, 8], weights);
  const biasTensor = builder.constant('b', [2], bias);
  const output = builder.add(
    {
      type: 'FULLY_CONNECTED',
      inputs: [input, kernel, biasTensor],
      options: { fusedActivation: 'NONE', keepNumDims: false },
    },
    'y',
  );
  const graph = builder.build([input], [output], { task: 'other', classes: [], source: 'test' });

  const sizes = sizeAccounting(graph);
  assert.equal(sizes.denseBytes, 16 * 4 + 2 * 4);
  assert.equal(sizes.denseBytes, graphStats(graph).weightBytes);
  // Weights: 2 mask bytes + 4 nonzeros · 4 bytes; bias: 1 mask byte + 1 nonzero · 4 bytes.
  assert.equal(sizes.sparseBytes, 2 + 16 + 1 + 4);
  assert.equal(sizes.zeroFraction, 13 / 18);
  const raw = Buffer.concat([Buffer.from(weights.buffer), Buffer.from(bias.buffer)]);
  assert.equal(sizes.compressedBytes, deflateRawSync(raw, { level: 9 }).length);
  assert.ok(sizes.compressedBytes < sizes.denseBytes);
});

test('50 % unstructured pruning leaves dense bytes and MACs as they were; sparse storage halves', async () => {
  const { model } = presetModel('mlp', 8, 1, 3);
  const data = { train: toyWindows(4, 8, 1, 3), validation: toyWindows(4, 8, 2, 3) };
  const result = await pruneUnstructured(model, data, {
    sparsity: 0.5,
    scope: 'global',
    schedule: 'one-shot',
    fineTuneEpochs: 0,
  });
  const denseGraph = lowerModel(model);
  const prunedGraph = lowerModel(result.model);
  const before = sizeAccounting(denseGraph);
  const after = sizeAccounting(prunedGraph);
  assert.equal(after.denseBytes, before.denseBytes);
  assert.equal(graphStats(prunedGraph).macs, graphStats(denseGraph).macs);
  // mlp on 8 inputs, 3 classes: kernels 8·64 + 64·32 + 32·3 = 2656, half of them zero;
  // biases 64 + 32 + 3 = 99 and the flatten shape operand's 2 int32s stay.
  const kernels = 8 * 64 + 64 * 32 + 32 * 3;
  assert.equal(before.zeroFraction, 0);
  assert.equal(after.zeroFraction, kernels / 2 / (kernels + 99 + 2));
  const masks =
    Math.ceil(512 / 8) +
    Math.ceil(2048 / 8) +
    Math.ceil(96 / 8) +
    Math.ceil(64 / 8) +
    Math.ceil(32 / 8) +
    1 +
    1;
  assert.equal(after.sparseBytes, masks + (kernels / 2 + 99 + 2) * 4);
  assert.ok(after.compressedBytes < before.compressedBytes);
});
