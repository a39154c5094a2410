import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerSpec } from '../../src/nn/index.js';
import { checkGradients } from './gradient-check.js';

const TOLERANCE = 1e-6;

const cases: [string, LayerSpec, number[]][] = [
  ['conv1d valid', { type: 'conv1d', filters: 3, kernelSize: 3 }, [9, 2]],
  [
    'conv1d same, stride 2',
    { type: 'conv1d', filters: 3, kernelSize: 3, strides: 2, padding: 'same' },
    [9, 2],
  ],
  [
    'conv1d same, dilation 2',
    { type: 'conv1d', filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same' },
    [8, 3],
  ],
  [
    'conv1d valid, stride 2 and dilation 2',
    { type: 'conv1d', filters: 2, kernelSize: 2, strides: 2, dilationRate: 2 },
    [9, 2],
  ],
  [
    'conv1d causal, relu',
    { type: 'conv1d', filters: 3, kernelSize: 2, padding: 'causal', activation: 'relu' },
    [7, 2],
  ],
  [
    'conv1d without bias, tanh',
    { type: 'conv1d', filters: 2, kernelSize: 4, useBias: false, activation: 'tanh' },
    [6, 2],
  ],
  ['depthwise valid, multiplier 2', { type: 'depthwise_conv1d', kernelSize: 3, depthMultiplier: 2 }, [8, 3]],
  [
    'depthwise same, stride 2, dilation 2, sigmoid',
    {
      type: 'depthwise_conv1d',
      kernelSize: 3,
      strides: 2,
      dilationRate: 2,
      padding: 'same',
      activation: 'sigmoid',
    },
    [9, 2],
  ],
];

for (const [label, spec, inputShape] of cases) {
  test(`${label}: input and parameter gradients match finite differences`, () => {
    const report = checkGradients(spec, inputShape, { batch: 2 });
    assert.ok(report.worstError < TOLERANCE, report.where);
    assert.ok(report.largestGradient > 0.1);
  });
}
