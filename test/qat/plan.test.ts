import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerModel } from '../../src/graph/lower/index.js';
import { unfuseTanh } from '../../src/graph/rewrite/unfuse-tanh.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { applyFakeQuantization } from '../../src/quant/qat/plan.js';
import { instantiate } from '../../src/train/model-file.js';
import { presetModel, untrainedModel } from '../graph/model-fixtures.js';

/** Names of the tensors QAT tracks a range for, after one training step of the wrapped network. */
function trackedNames(model: ReturnType<typeof presetModel>['model']): (string | undefined)[] {
  const network = instantiate(model);
  return applyFakeQuantization(network, true).map((range) => range.tensor);
}

function graphNames(model: ReturnType<typeof presetModel>['model']): Set<string> {
  return new Set(unfuseTanh(lowerModel(model)).tensors.map((tensor) => tensor.name));
}

test('every range QAT tracks for a preset names a tensor of its lowered graph', () => {
  for (const preset of ['lstm-tutorial', 'cnn1d-small', 'mlp', 'autoencoder', 'autoencoder-conv'] as const) {
    const { model } = presetModel(preset, 16, 3, 3);
    const names = graphNames(model);
    for (const name of trackedNames(model)) {
      if (name !== undefined) assert.ok(names.has(name), `${preset}: '${name}' is not in the graph`);
    }
  }
  // The tutorial LSTM: the full-sequence output is tracked (symmetric), the last-step-only one is not named.
  assert.deepEqual(trackedNames(presetModel('lstm-tutorial', 16, 3, 3).model), [
    'input',
    'lstm_1/output',
    undefined,
    'dense_1/linear',
  ]);
});

test('a BatchNorm folded into the Dense before it lends its range to the folded op; the Dense keeps float weights', () => {
  const layers: LayerSpec[] = [
    { type: 'flatten', name: 'flat' },
    { type: 'dense', name: 'd', units: 4 },
    { type: 'batch_normalization', name: 'bn' },
    { type: 'dense', name: 'r', units: 4, activation: 'relu' },
    { type: 'batch_normalization', name: 'bn2' },
  ];
  const { model } = untrainedModel(
    [...layers, { type: 'dense', name: 'head', units: 2, activation: 'softmax' }],
    4,
    2,
    'multiclass',
    ['a', 'b'],
  );
  const names = graphNames(model);
  const tracked = trackedNames(model);
  assert.deepEqual(tracked, ['input', 'd/output', 'r/output', 'bn2/output', 'head/linear']);
  for (const name of tracked) assert.ok(names.has(name!), `'${name}' is not in the graph`);
  const network = instantiate(model);
  applyFakeQuantization(network, true);
  const kernel = network.params().find((weight) => weight.name === 'd/kernel')!;
  const before = Float32Array.from(kernel.value);
  network.forward(new Float32Array(16), 2, { training: true, logits: true });
  assert.deepEqual(kernel.value, before);
});
