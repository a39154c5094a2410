/** int8 pooling, MEAN, REDUCE_MAX and the data-movement ops against values computed by hand with TFLite's reference arithmetic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedActivation, Quantization } from '../../src/graph/types.js';
import { q, QuantGraph, runGraph, runOne } from './int8-graph.js';

function pool(
  type: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D',
  quant: Quantization,
  activation: FusedActivation,
  x: number[],
): number[] {
  const g = new QuantGraph();
  const input = g.input([1, 1, 4, 1], quant);
  const out = g.tensor([1, 1, 4, 1], quant);
  g.op({
    type,
    inputs: [input],
    outputs: [out],
    options: { padding: 'SAME', strideH: 1, strideW: 1, filterH: 1, filterW: 3, fusedActivation: activation },
  });
  return runOne(g.output(out).build(), [x]);
}

test('AVERAGE_POOL_2D divides by the taps inside the input, rounding half away from zero', () => {
  // SAME, width 3 over 4 values: one padded position each side. x = [1, 2, -4, -7]:
  // [1, 2] = 3 -> (3 + 1) / 2 = 2;  [1, 2, -4] = -1 -> (-1 - 1) / 3 -> 0;
  // [2, -4, -7] = -9 -> (-9 - 1) / 3 -> -3;  [-4, -7] = -11 -> (-11 - 1) / 2 = -6 (-5.5 away from zero)
  assert.deepEqual(pool('AVERAGE_POOL_2D', q(1), 'NONE', [1, 2, -4, -7]), [2, 0, -3, -6]);
});

test('MAX_POOL_2D takes the largest tap, then the fused activation clamp', () => {
  assert.deepEqual(pool('MAX_POOL_2D', q(1), 'NONE', [1, 2, -4, -7]), [2, 2, 2, -4]);
  // RELU6 at scale 0.5 zero point -3: [-3, 9].
  assert.deepEqual(pool('MAX_POOL_2D', q(0.5, -3), 'RELU6', [1, 20, -4, -7]), [9, 9, 9, -3]);
});

function reduce(type: 'MEAN' | 'REDUCE_MAX', outQuant: Quantization): number[] {
  const g = new QuantGraph();
  const input = g.input([1, 3, 2], q(0.5, 2));
  const axes = g.int32([1], [1]);
  const out = g.tensor([1, 2], outQuant);
  g.op({ type, inputs: [input, axes], outputs: [out], options: { keepDims: false } });
  // Channel 0 holds 10, 4, 6; channel 1 holds 0, 5, -7.
  return runOne(g.output(out).build(), [[10, 0, 4, 5, 6, -7]]);
}

test('MEAN requantizes the sum with 1/count folded into the multiplier', () => {
  // In scale 0.5 zero point 2, out scale 0.25 zero point -1: rescale 2 = 2^30·2^2; count 3 widens by
  // 1 bit: ⌊2^31 / 3⌋ = 715827882 with shift 1.
  // Channel 0: 20 - 2·3 = 14 -> high multiply of 28 by 715827882 = 9.33 -> 9 -> 8
  // Channel 1: -2 - 6 = -8 -> -16·(1/3) = -5.33 -> -5 -> -6
  assert.deepEqual(reduce('MEAN', q(0.25, -1)), [8, -6]);
});

test('REDUCE_MAX keeps the largest value; input and output must share quantization', () => {
  assert.deepEqual(reduce('REDUCE_MAX', q(0.5, 2)), [10, 5]);
  assert.throws(() => reduce('REDUCE_MAX', q(0.25, 2)), /differ/);
});

test('PAD fills with the zero point (real 0), STRIDED_SLICE and CONCATENATION copy values', () => {
  const g = new QuantGraph();
  const input = g.input([1, 2, 2], q(0.5, -7));
  const paddings = g.int32([3, 2], [0, 0, 1, 0, 0, 1]);
  const padded = g.tensor([1, 3, 3], q(0.5, -7));
  g.op({ type: 'PAD', inputs: [input, paddings], outputs: [padded], options: {} });
  // Last row (index 2) of the padded [3, 3], shrunk: the input's second row and the padding.
  const sliced = g.tensor([1, 3], q(0.5, -7));
  const [begin, end, strides] = [
    [0, 2, 0],
    [1, 3, 3],
    [1, 1, 1],
  ].map((values) => g.int32([3], values));
  g.op({
    type: 'STRIDED_SLICE',
    inputs: [padded, begin, end, strides],
    outputs: [sliced],
    options: { beginMask: 0b101, endMask: 0b101, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0b010 },
  });
  const joined = g.tensor([1, 6], q(0.5, -7));
  g.op({
    type: 'CONCATENATION',
    inputs: [sliced, sliced],
    outputs: [joined],
    options: { axis: 1, fusedActivation: 'NONE' },
  });
  const graph = g.output(padded).output(joined).build();
  // [[1, 2], [3, 4]] padded one row before and one column after with -7:
  // [[-7, -7, -7], [1, 2, -7], [3, 4, -7]]; its last row twice: [3, 4, -7, 3, 4, -7].
  assert.deepEqual(runGraph(graph, [[1, 2, 3, 4]]), [
    [-7, -7, -7, 1, 2, -7, 3, 4, -7],
    [3, 4, -7, 3, 4, -7],
  ]);
});
