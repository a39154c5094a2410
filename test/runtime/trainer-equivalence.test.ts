/**
 * The runtime reproduces the trainer: for every preset and for custom models using every
 * layer type, the lowered graph's outputs equal Sequential.forward (inference mode, activated
 * outputs) within 1e-5, for batch 1 and batch 8.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { Interpreter } from '../../src/runtime/index.js';
import { PRESET_NAMES } from '../../src/train/presets.js';
import { presetModel, randomInputs, untrainedModel, type ModelFixture } from '../graph/model-fixtures.js';

const STEPS = 24;
const CHANNELS = 3;
const TOLERANCE = 1e-5;

function assertSameAsTrainer(fixture: ModelFixture, label: string): void {
  const graph = lowerModel(fixture.model);
  const sampleSize = STEPS * CHANNELS;
  for (const batch of [1, 8]) {
    const x = randomInputs(batch * sampleSize, 11 + batch);
    const expected = Float32Array.from(fixture.network.forward(x, batch));
    const interpreter = new Interpreter(graph, { batch });
    interpreter.input().set(x);
    interpreter.invoke();
    const actual = interpreter.output();
    assert.equal(actual.length, expected.length, `${label} batch ${batch}: output length`);
    let worst = 0;
    for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    assert.ok(worst <= TOLERANCE, `${label} batch ${batch}: max abs diff ${worst}`);
    // Non-trivial outputs, so agreement means something.
    assert.ok(
      expected.some((value) => Math.abs(value) > 1e-3),
      `${label}: outputs are all near zero`,
    );
  }
}

for (const preset of PRESET_NAMES) {
  for (const classes of [2, 4]) {
    if (classes === 4 && preset.startsWith('autoencoder')) continue;
    test(`${preset} (${classes} classes) matches the trainer's forward pass`, () => {
      assertSameAsTrainer(presetModel(preset, STEPS, CHANNELS, classes), preset);
    });
  }
}

const CUSTOM: Record<string, LayerSpec[]> = {
  'causal and dilated conv, folded and standalone batch norm, depthwise conv, average and global max pooling':
    [
      { type: 'conv1d', filters: 6, kernelSize: 3, padding: 'causal', dilationRate: 2 },
      { type: 'batch_normalization' },
      { type: 'activation', activation: 'relu' },
      { type: 'depthwise_conv1d', kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu6' },
      { type: 'average_pooling1d', poolSize: 3, strides: 2, padding: 'same' },
      { type: 'depthwise_conv1d', kernelSize: 2, strides: 2, padding: 'valid' },
      { type: 'global_max_pooling1d' },
      { type: 'dense', units: 5, activation: 'tanh' },
      { type: 'batch_normalization' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ],
  'GRU sequences, batch norm over time steps, global average pooling, dropout': [
    { type: 'gru', units: 8, returnSequences: true },
    { type: 'batch_normalization' },
    { type: 'global_average_pooling1d' },
    { type: 'dropout', rate: 0.3 },
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ],
  'LSTM sequences, dense over every step, standalone activations, flatten': [
    { type: 'lstm', units: 6, returnSequences: true },
    { type: 'dense', units: 4, activation: 'relu6' },
    { type: 'activation', activation: 'tanh' },
    { type: 'activation', activation: 'sigmoid' },
    { type: 'flatten' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ],
  'strided valid conv, max pooling with same padding, average pooling, conv output': [
    { type: 'conv1d', filters: 4, kernelSize: 4, strides: 2, padding: 'valid', activation: 'tanh' },
    { type: 'max_pooling1d', poolSize: 2, strides: 1, padding: 'same' },
    { type: 'average_pooling1d', poolSize: 2 },
    { type: 'conv1d', filters: 2, kernelSize: 1, activation: 'sigmoid' },
  ],
};

for (const [name, layers] of Object.entries(CUSTOM)) {
  test(`custom model: ${name}`, () => {
    const last = layers[layers.length - 1];
    const classes = last.type === 'dense' && last.activation === 'softmax' ? ['a', 'b', 'c'] : ['a', 'b'];
    const task =
      classes.length === 2 && last.type === 'dense'
        ? 'binary'
        : classes.length === 3
          ? 'multiclass'
          : 'autoencoder';
    assertSameAsTrainer(untrainedModel(layers, STEPS, CHANNELS, task, classes), name);
  });
}
