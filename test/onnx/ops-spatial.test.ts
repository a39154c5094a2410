/**
 * The spatial ops' ONNX form against values worked out by hand: TFLite's SAME padding puts
 * the odd padded column at the end, AVERAGE_POOL_2D leaves padding out of the mean, the
 * depthwise filter keeps one channel per group, and the fused activation is applied.
 */
import { test } from 'node:test';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { assertClose, runOnnx } from './run-onnx.js';

const window = (padding: 'SAME' | 'VALID', strideW: number) => ({
  padding,
  strideH: 1,
  strideW,
  dilationH: 1,
  dilationW: 1,
});

test('CONV_2D SAME, stride 2: one padded column on each side, bias and fused RELU', async () => {
  const g = new GraphBuilder();
  const x = g.input([1, 1, 5, 1]);
  const filter = g.floats([1, 1, 3, 1], [1, 1, 1]);
  const bias = g.floats([1], [-4]);
  const y = g.tensor([1, 1, 3, 1]);
  g.op({
    type: 'CONV_2D',
    inputs: [x, filter, bias],
    outputs: [y],
    options: { ...window('SAME', 2), fusedActivation: 'RELU' },
  });
  // Windows [0,1,2], [2,3,4], [4,5,0] sum to 3, 9, 9; minus 4 and clamped at 0.
  const [out] = await runOnnx(g.output(y).build(), [[1, 2, 3, 4, 5]]);
  assertClose(out!, [0, 5, 5], 'conv');
});

test('CONV_2D with two output channels: filters OHWI become OIHW, output stays NHWC', async () => {
  const g = new GraphBuilder();
  const x = g.input([1, 1, 3, 2]);
  // out 0 = sum of both channels at taps (1, 0); out 1 = channel 1 at tap 1 minus channel 0 at tap 0.
  const filter = g.floats([2, 1, 2, 2], [1, 1, 0, 0, -1, 0, 0, 1]);
  const y = g.tensor([1, 1, 2, 2]);
  g.op({
    type: 'CONV_2D',
    inputs: [x, filter, -1],
    outputs: [y],
    options: { ...window('VALID', 1), fusedActivation: 'NONE' },
  });
  // x by step: (1, 10), (2, 20), (3, 30).
  const [out] = await runOnnx(g.output(y).build(), [[1, 10, 2, 20, 3, 30]]);
  assertClose(out!, [11, -1 + 20, 22, -2 + 30], 'conv 2 channels');
});

test('DEPTHWISE_CONV_2D: each channel convolved with its own taps', async () => {
  const g = new GraphBuilder();
  const x = g.input([1, 1, 3, 2]);
  // Taps [tap][channel]: channel 0 (1, 2), channel 1 (-1, 1).
  const filter = g.floats([1, 1, 2, 2], [1, -1, 2, 1]);
  const bias = g.floats([2], [0.5, 0]);
  const y = g.tensor([1, 1, 2, 2]);
  g.op({
    type: 'DEPTHWISE_CONV_2D',
    inputs: [x, filter, bias],
    outputs: [y],
    options: { ...window('VALID', 1), fusedActivation: 'RELU6', depthMultiplier: 1 },
  });
  // channel 0: 1·1 + 2·2 + 0.5 = 5.5, 2 + 6 + 0.5 = 8.5 -> 6; channel 1: -10 + 20 = 10 -> 6, -20 + 30 = 10 -> 6.
  const [out] = await runOnnx(g.output(y).build(), [[1, 10, 2, 20, 3, 30]]);
  assertClose(out!, [5.5, 6, 6, 6], 'depthwise');
});

test('AVERAGE_POOL_2D SAME leaves the padded position out of the mean; MAX_POOL_2D VALID', async () => {
  const g = new GraphBuilder();
  const x = g.input([1, 1, 3, 1]);
  const average = g.tensor([1, 1, 2, 1]);
  const max = g.tensor([1, 1, 1, 1]);
  const pool = (padding: 'SAME' | 'VALID') => ({
    ...window(padding, 2),
    filterH: 1,
    filterW: 2,
    fusedActivation: 'NONE' as const,
  });
  g.op({ type: 'AVERAGE_POOL_2D', inputs: [x], outputs: [average], options: pool('SAME') });
  g.op({ type: 'MAX_POOL_2D', inputs: [x], outputs: [max], options: pool('VALID') });
  const [avg, mx] = await runOnnx(g.output(average).output(max).build(), [[1, 2, 6]]);
  assertClose(avg!, [1.5, 6], 'average pool');
  assertClose(mx!, [2], 'max pool');
});
