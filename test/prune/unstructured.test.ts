import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import { polynomialSparsity, pruneUnstructured } from '../../src/prune/index.js';
import type { TrainedModel } from '../../src/train/model-file.js';
import { untrainedModel } from '../graph/model-fixtures.js';
import { toyWindows } from '../train/fixtures.js';

const data = { train: toyWindows(48, 8, 1), validation: toyWindows(16, 8, 2) };
const noData = { train: toyWindows(4, 3, 1), validation: toyWindows(4, 3, 2) };

/** flatten -> dense(2) -> dense(1): 6 + 2 prunable weights set by hand. */
function handModel(): TrainedModel {
  const { model } = untrainedModel(
    [
      { type: 'flatten' },
      { type: 'dense', units: 2, activation: 'relu' },
      { type: 'dense', units: 1, activation: 'sigmoid' },
    ],
    3,
    1,
    'binary',
    ['0', '1'],
  );
  model.weights['dense_1/kernel'] = Float32Array.from([0.1, -0.5, 0.3, 0.9, -0.2, 0.6]);
  model.weights['dense_2/kernel'] = Float32Array.from([0.05, 0.08]);
  return model;
}

test('global 50 %: the 4 smallest |w| of all 8 go, wherever they are', async () => {
  const model = handModel();
  const result = await pruneUnstructured(model, noData, {
    sparsity: 0.5,
    scope: 'global',
    schedule: 'one-shot',
    fineTuneEpochs: 0,
  });
  // Threshold by hand: |w| sorted 0.05 0.08 0.1 0.2 | 0.3 0.5 0.6 0.9.
  assert.deepEqual(result.model.weights['dense_1/kernel'], Float32Array.from([0, -0.5, 0.3, 0.9, 0, 0.6]));
  assert.deepEqual(result.model.weights['dense_2/kernel'], Float32Array.from([0, 0]));
  assert.deepEqual(result.layers, [
    { layer: 'dense_1', before: 6, after: 4, sparsity: 2 / 6 },
    { layer: 'dense_2', before: 2, after: 0, sparsity: 1 },
  ]);
  // Biases are not prunable.
  assert.deepEqual(result.model.weights['dense_1/bias'], model.weights['dense_1/bias']);
  assert.deepEqual(result.model.weights['dense_2/bias'], model.weights['dense_2/bias']);
});

test('per layer 50 %: round(0.5·6) = 3 in the first layer, 1 in the second', async () => {
  const result = await pruneUnstructured(handModel(), noData, {
    sparsity: 0.5,
    scope: 'layer',
    schedule: 'one-shot',
    fineTuneEpochs: 0,
  });
  assert.deepEqual(result.model.weights['dense_1/kernel'], Float32Array.from([0, -0.5, 0, 0.9, 0, 0.6]));
  assert.deepEqual(result.model.weights['dense_2/kernel'], Float32Array.from([0, 0.08]));
  assert.deepEqual(
    result.layers.map((row) => row.sparsity),
    [0.5, 0.5],
  );
});

test('ties: equal magnitudes go in weight order, so exactly round(s·n) are pruned', async () => {
  const model = handModel();
  model.weights['dense_1/kernel'] = Float32Array.from([0.3, -0.3, 0.3, 0.9, -0.3, 0.6]);
  const result = await pruneUnstructured(model, noData, {
    sparsity: 0.3,
    scope: 'layer',
    schedule: 'one-shot',
    fineTuneEpochs: 0,
  });
  // round(0.3·6) = 2: the first two of the four 0.3s.
  assert.deepEqual(result.model.weights['dense_1/kernel'], Float32Array.from([0, 0, 0.3, 0.9, -0.3, 0.6]));
});

test('cubic schedule s_t = s_f + (s_i - s_f)(1 - t/T)^3 at hand-computed points', () => {
  assert.equal(polynomialSparsity(0, 100, 0, 0.8), 0);
  assert.ok(Math.abs(polynomialSparsity(50, 100, 0, 0.8) - 0.7) < 1e-12); // 0.8·(1 - 1/8)
  assert.ok(Math.abs(polynomialSparsity(25, 100, 0.1, 0.5) - 0.33125) < 1e-12); // 0.5 - 0.4·0.75³
  assert.equal(polynomialSparsity(100, 100, 0, 0.8), 0.8);
  assert.equal(polynomialSparsity(150, 100, 0, 0.8), 0.8);
});

const recurrentLayers = [
  { type: 'gru', units: 4, returnSequences: true },
  { type: 'conv1d', filters: 3, kernelSize: 3, activation: 'relu' },
  { type: 'global_average_pooling1d' },
  { type: 'dense', units: 1, activation: 'sigmoid' },
] as const;
const prunableNames = ['gru_1/kernel', 'gru_1/recurrent_kernel', 'conv1d_1/kernel', 'dense_1/kernel'];

/** The positions (tensor, index) of the k smallest |w| over the named tensors, by a plain sort. */
function smallest(weights: Record<string, Float32Array>, k: number): Set<string> {
  const all = prunableNames.flatMap((name) =>
    Array.from(weights[name]!, (value, index) => ({ key: `${name}#${index}`, magnitude: Math.abs(value) })),
  );
  all.sort((a, b) => a.magnitude - b.magnitude);
  return new Set(all.slice(0, k).map((entry) => entry.key));
}

test('one-shot masks survive fine-tuning: the same weights stay exactly zero, the rest train', async () => {
  const { model } = untrainedModel([...recurrentLayers], 8, 1, 'binary', ['0', '1']);
  const total = prunableNames.reduce((sum, name) => sum + model.weights[name]!.length, 0);
  const pruned = smallest(model.weights, Math.round(0.6 * total));
  const result = await pruneUnstructured(model, data, {
    sparsity: 0.6,
    scope: 'global',
    schedule: 'one-shot',
    fineTuneEpochs: 2,
    seed: 3,
  });
  let changed = 0;
  for (const name of prunableNames) {
    const before = model.weights[name]!;
    result.model.weights[name]!.forEach((value, index) => {
      if (pruned.has(`${name}#${index}`)) assert.equal(value, 0, `${name}[${index}] was pruned`);
      else {
        assert.notEqual(value, 0, `${name}[${index}] was kept`);
        if (value !== before[index]) changed++;
      }
    });
  }
  assert.equal(changed, total - pruned.size, 'every kept weight moved during fine-tuning');
  assert.equal(result.model.training.history.length, 2);
});

test('gradual: sparsity reaches the target at the last step, per layer', async () => {
  const { model } = untrainedModel([...recurrentLayers], 8, 1, 'binary', ['0', '1']);
  const result = await pruneUnstructured(model, data, {
    sparsity: 0.5,
    scope: 'layer',
    schedule: 'gradual',
    fineTuneEpochs: 2,
  });
  const zeros = (name: string) => result.model.weights[name]!.filter((value) => value === 0).length;
  // Per layer: GRU kernel 12 + recurrent 48 = 60 -> 30; conv 3·4·3 = 36 -> 18; dense 3 -> round(1.5) = 2.
  assert.equal(zeros('gru_1/kernel') + zeros('gru_1/recurrent_kernel'), 30);
  assert.equal(zeros('conv1d_1/kernel'), 18);
  assert.equal(zeros('dense_1/kernel'), 2);
});

test('bad options are usage errors naming the field', async () => {
  const model = handModel();
  await assert.rejects(
    pruneUnstructured(model, noData, {
      sparsity: 1,
      scope: 'global',
      schedule: 'one-shot',
      fineTuneEpochs: 0,
    }),
    (error) => error instanceof UsageError && error.place === 'prune.sparsity',
  );
  await assert.rejects(
    pruneUnstructured(model, noData, {
      sparsity: 0.2,
      scope: 'global',
      schedule: 'gradual',
      fineTuneEpochs: 0,
    }),
    (error) => error instanceof UsageError && error.place === 'prune.fineTuneEpochs',
  );
});
