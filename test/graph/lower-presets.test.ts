import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeGraph, encodeGraph } from '../../src/graph/format.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { PRESET_NAMES } from '../../src/train/presets.js';
import { presetModel, randomInputs, untrainedModel, type ModelFixture } from './model-fixtures.js';

const BATCH = 3;

/** The lowered graph (through its file) run by the float runtime against the network's own forward pass. */
function assertRuntimeMatches(fixture: ModelFixture, label: string): void {
  const { model, network } = fixture;
  const [steps, channels] = model.architecture.inputShape as [number, number];
  const graph = decodeGraph(encodeGraph(lowerModel(model)));
  const interpreter = new Interpreter(graph, { batch: BATCH });
  for (let round = 0; round < 2; round++) {
    const x = randomInputs(BATCH * steps * channels, 31 * round + 5);
    const expected = network.forward(x, BATCH);
    interpreter.input().set(x);
    interpreter.invoke();
    const actual = interpreter.output();
    assert.equal(actual.length, expected.length, label);
    let worst = 0;
    for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
    assert.ok(worst <= 1e-5, `${label}: max abs diff ${worst}`);
  }
}

test('every preset, lowered and run by the runtime, gives the trainer forward pass (max abs diff <= 1e-5)', () => {
  for (const preset of PRESET_NAMES) {
    assertRuntimeMatches(presetModel(preset, 16, 3, 3), `${preset} multiclass`);
    assertRuntimeMatches(presetModel(preset, 12, 2, 2), `${preset} binary`);
  }
});

test('the other layers and their fusions match too', () => {
  const layers: LayerSpec[] = [
    { type: 'conv1d', filters: 4, kernelSize: 3, dilationRate: 2, padding: 'causal' },
    { type: 'batch_normalization' },
    { type: 'activation', activation: 'relu6' },
    { type: 'depthwise_conv1d', kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'tanh' },
    { type: 'average_pooling1d', poolSize: 3, strides: 2, padding: 'same' },
    { type: 'max_pooling1d', poolSize: 2, padding: 'same' },
    { type: 'dense', units: 5, activation: 'relu' },
    { type: 'batch_normalization' },
    { type: 'lstm', units: 6, returnSequences: true },
    { type: 'gru', units: 4, returnSequences: true },
    { type: 'global_max_pooling1d' },
    { type: 'dense', units: 3, activation: 'sigmoid' },
  ];
  assertRuntimeMatches(untrainedModel(layers, 20, 2, 'binary', ['a', 'b']), 'mixed layers');
});
