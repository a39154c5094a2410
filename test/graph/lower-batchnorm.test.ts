import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { FusedActivation, Graph, OpDef } from '../../src/graph/types.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { randomInputs, untrainedModel } from './model-fixtures.js';

/**
 * A deliberately naive evaluator (batch 1) for the ops BatchNorm lowering produces, written
 * from the TFLite definitions: loops over output positions, no shared kernels.
 */
function evaluate(graph: Graph, input: Float32Array): Float32Array {
  const values: (Float32Array | undefined)[] = graph.tensors.map((tensor) =>
    tensor.data instanceof Float32Array ? tensor.data : undefined,
  );
  values[graph.inputs[0]!] = input;
  for (const op of graph.ops) values[op.outputs[0]!] = run(graph, op, values);
  return values[graph.outputs[0]!]!;
}

function activate(value: number, activation: FusedActivation): number {
  if (activation === 'RELU') return Math.max(value, 0);
  if (activation === 'RELU6') return Math.min(Math.max(value, 0), 6);
  if (activation === 'TANH') return Math.tanh(value);
  return value;
}

function run(graph: Graph, op: OpDef, values: (Float32Array | undefined)[]): Float32Array {
  const input = values[op.inputs[0]!]!;
  const shapeOf = (position: number) => graph.tensors[op.inputs[position]!]!.shape;
  const outShape = graph.tensors[op.outputs[0]!]!.shape;
  const out = new Float32Array(outShape.reduce((a, b) => a * b, 1));
  switch (op.type) {
    case 'RESHAPE':
    case 'PAD': {
      if (op.type === 'RESHAPE') return input.slice();
      // Only left padding along W of [1, 1, W, C], as causal convolutions use.
      const left = (graph.tensors[op.inputs[1]!]!.data as Int32Array)[4]!;
      out.set(input, left * shapeOf(0)[3]!);
      return out;
    }
    case 'FULLY_CONNECTED': {
      const [units, depth] = shapeOf(1) as [number, number];
      const weights = values[op.inputs[1]!]!;
      const bias = op.inputs[2] === -1 ? undefined : values[op.inputs[2]!];
      for (let row = 0; row < out.length / units; row++) {
        for (let o = 0; o < units; o++) {
          let sum = bias?.[o] ?? 0;
          for (let i = 0; i < depth; i++) sum += input[row * depth + i]! * weights[o * depth + i]!;
          out[row * units + o] = activate(sum, op.options.fusedActivation);
        }
      }
      return out;
    }
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D': {
      const [, , width, channels] = shapeOf(0) as [number, number, number, number];
      const [filterOut, , taps] = shapeOf(1) as [number, number, number, number];
      const filter = values[op.inputs[1]!]!;
      const bias = op.inputs[2] === -1 ? undefined : values[op.inputs[2]!];
      const { strideW, dilationW, padding, fusedActivation } = op.options;
      const outWidth = outShape[2]!;
      const outChannels = outShape[3]!;
      const span = (taps - 1) * dilationW + 1;
      const left =
        padding === 'SAME' ? Math.floor(Math.max((outWidth - 1) * strideW + span - width, 0) / 2) : 0;
      const depthwise = op.type === 'DEPTHWISE_CONV_2D';
      for (let x = 0; x < outWidth; x++) {
        for (let o = 0; o < outChannels; o++) {
          let sum = bias?.[o] ?? 0;
          for (let t = 0; t < taps; t++) {
            const at = x * strideW + t * dilationW - left;
            if (at < 0 || at >= width) continue;
            if (depthwise) {
              const c = Math.floor(o / (outChannels / channels));
              sum += input[at * channels + c]! * filter[t * outChannels + o]!;
            } else {
              for (let c = 0; c < channels; c++)
                sum += input[at * channels + c]! * filter[(o * taps + t) * channels + c]!;
            }
          }
          out[x * outChannels + o] = activate(sum, fusedActivation);
        }
      }
      assert.ok(depthwise || filterOut === outChannels);
      return out;
    }
    case 'MUL':
    case 'ADD': {
      const other = values[op.inputs[1]!]!;
      for (let i = 0; i < out.length; i++) {
        const value =
          op.type === 'MUL' ? input[i]! * other[i % other.length]! : input[i]! + other[i % other.length]!;
        out[i] = activate(value, op.options.fusedActivation);
      }
      return out;
    }
    case 'RELU':
      return input.map((value) => Math.max(value, 0));
    default:
      throw new Error(`the test evaluator has no ${op.type}`);
  }
}

function assertMatchesNetwork(
  layers: LayerSpec[],
  steps: number,
  channels: number,
  expectedOps: string[],
): void {
  const { model, network } = untrainedModel(layers, steps, channels, 'autoencoder', ['normal', 'fault'], 11);
  const graph = lowerModel(model);
  assert.deepEqual(
    graph.ops.map((op) => op.type),
    expectedOps,
  );
  for (let sample = 0; sample < 3; sample++) {
    const x = randomInputs(steps * channels, 100 + sample);
    const expected = network.forward(x, 1);
    const actual = evaluate(graph, x);
    assert.equal(actual.length, expected.length);
    const worst = Math.max(...actual.map((value, i) => Math.abs(value - expected[i]!)));
    assert.ok(worst <= 1e-5, `max abs diff ${worst}`);
  }
}

test('BatchNorm after a linear Dense folds into its weights and bias (over time too)', () => {
  assertMatchesNetwork([{ type: 'dense', units: 5 }, { type: 'batch_normalization' }], 6, 3, [
    'FULLY_CONNECTED',
  ]);
  // No bias and no beta: the fold creates the bias; Dropout in between is the identity at inference.
  assertMatchesNetwork(
    [
      { type: 'flatten' },
      { type: 'dense', units: 4, useBias: false },
      { type: 'dropout', rate: 0.5 },
      { type: 'batch_normalization', center: false, epsilon: 0.01 },
      { type: 'activation', activation: 'relu' },
    ],
    4,
    2,
    ['RESHAPE', 'FULLY_CONNECTED'],
  );
});

test('BatchNorm after Conv1D and DepthwiseConv1D folds per output channel', () => {
  assertMatchesNetwork(
    [
      { type: 'conv1d', filters: 4, kernelSize: 3, padding: 'same', strides: 2 },
      { type: 'batch_normalization' },
    ],
    9,
    3,
    ['RESHAPE', 'CONV_2D', 'RESHAPE'],
  );
  assertMatchesNetwork(
    [
      { type: 'conv1d', filters: 3, kernelSize: 3, dilationRate: 2, padding: 'causal' },
      { type: 'batch_normalization', scale: false },
      { type: 'depthwise_conv1d', kernelSize: 2, depthMultiplier: 2 },
      { type: 'batch_normalization' },
      { type: 'activation', activation: 'relu6' },
    ],
    8,
    2,
    ['RESHAPE', 'PAD', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'RESHAPE'],
  );
});

test('BatchNorm after an activation becomes MUL + ADD, and a following ReLU fuses into the ADD', () => {
  assertMatchesNetwork(
    [
      { type: 'dense', units: 4, activation: 'relu' },
      { type: 'batch_normalization' },
      { type: 'activation', activation: 'relu' },
      { type: 'activation', activation: 'relu' },
    ],
    5,
    2,
    ['FULLY_CONNECTED', 'MUL', 'ADD', 'RELU'],
  );
});
