import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Layer, LayerSpec } from '../../src/nn/index.js';
import { Dropout } from '../../src/nn/layers/dropout.js';
import { checkGradients, type CheckOptions } from './gradient-check.js';

const TOLERANCE = 1e-6;

const cases: [string, LayerSpec, number[], CheckOptions?][] = [
  ['dense linear', { type: 'dense', units: 3 }, [4]],
  ['dense relu', { type: 'dense', units: 3, activation: 'relu' }, [4]],
  ['dense relu6 on a sequence', { type: 'dense', units: 3, activation: 'relu6' }, [3, 4]],
  ['dense tanh without bias', { type: 'dense', units: 2, activation: 'tanh', useBias: false }, [5]],
  ['dense sigmoid', { type: 'dense', units: 2, activation: 'sigmoid' }, [3]],
  ['dense softmax', { type: 'dense', units: 4, activation: 'softmax' }, [3]],
  ['dense softmax, logits', { type: 'dense', units: 4, activation: 'softmax' }, [3], { logits: true }],
  ['activation softmax on a sequence', { type: 'activation', activation: 'softmax' }, [3, 4]],
  ['activation tanh', { type: 'activation', activation: 'tanh' }, [5]],
  ['max pool 3, stride 2, valid, odd length', { type: 'max_pooling1d', poolSize: 3, strides: 2 }, [9, 2]],
  ['max pool 3, same', { type: 'max_pooling1d', poolSize: 3, padding: 'same' }, [7, 2]],
  [
    'average pool 3, stride 2, same',
    { type: 'average_pooling1d', poolSize: 3, strides: 2, padding: 'same' },
    [7, 3],
  ],
  ['average pool 2, valid', { type: 'average_pooling1d' }, [7, 2]],
  ['global average pooling', { type: 'global_average_pooling1d' }, [5, 3]],
  ['global max pooling', { type: 'global_max_pooling1d' }, [5, 3]],
  ['flatten', { type: 'flatten' }, [3, 2]],
  [
    'batch normalization, training, sequence',
    { type: 'batch_normalization' },
    [4, 3],
    { training: true, batch: 3 },
  ],
  [
    'batch normalization, training, features',
    { type: 'batch_normalization' },
    [3],
    { training: true, batch: 5 },
  ],
  ['batch normalization, inference', { type: 'batch_normalization' }, [3], { training: false, batch: 4 }],
  [
    'batch normalization without scale or center',
    { type: 'batch_normalization', center: false, scale: false },
    [2, 3],
    { training: true },
  ],
  [
    'dropout with a fixed mask',
    { type: 'dropout', rate: 0.4, seed: 5 },
    [10],
    { training: true, batch: 3, prepare: fixDropoutMask },
  ],
];

function fixDropoutMask(layer: Layer<Float64Array>): void {
  assert.ok(layer instanceof Dropout);
  layer.forward(new Float64Array(30).fill(1), 3, true);
  layer.fixMask(true);
}

for (const [label, spec, inputShape, options] of cases) {
  test(`${label}: gradients match finite differences`, () => {
    const report = checkGradients(spec, inputShape, options);
    assert.ok(report.worstError < TOLERANCE, report.where);
    assert.ok(report.largestGradient > 0.1);
  });
}
