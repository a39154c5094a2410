/** Float kernels for dense layers, activations, softmax, arithmetic, concatenation, reshape and (de)quantization against hand-computed values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import type { FusedActivation } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { GraphBuilder } from './graph-builder.js';
import { assertClose, runGraph } from './run-graph.js';

function dense(activation: FusedActivation, inputShape: number[], keepNumDims = false) {
  const g = new GraphBuilder();
  const x = g.input(inputShape);
  // W = [[1, 0, -1], [0.5, 0.5, 0.5]], b = [0.5, 2]
  const w = g.floats([2, 3], [1, 0, -1, 0.5, 0.5, 0.5]);
  const b = g.floats([2], [0.5, 2]);
  const rows = inputShape.slice(0, -1);
  const out = g.tensor(keepNumDims ? [...rows, 2] : [1, 2]);
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [x, w, b],
    outputs: [out],
    options: { fusedActivation: activation, keepNumDims },
  });
  return g.output(out).build();
}

test('FULLY_CONNECTED: W·x + b with each fused activation', () => {
  // x = [1, 2, 3]: [1 - 3 + 0.5, 0.5·6 + 2] = [-1.5, 5]
  assertClose(runGraph(dense('NONE', [1, 3]), [[1, 2, 3]])[0], [-1.5, 5]);
  assertClose(runGraph(dense('RELU', [1, 3]), [[1, 2, 3]])[0], [0, 5]);
  assertClose(runGraph(dense('RELU6', [1, 3]), [[1, 2, 3]])[0], [0, 5]);
  assertClose(runGraph(dense('RELU_N1_TO_1', [1, 3]), [[1, 2, 3]])[0], [-1, 1]);
  assertClose(runGraph(dense('TANH', [1, 3]), [[1, 2, 3]])[0], [-0.9051482536448665, 0.9999092042625951]);
});

test('FULLY_CONNECTED over every step (keepNumDims) and over a batch', () => {
  // second row x = [0, 0, 1]: [-1 + 0.5, 0.5 + 2] = [-0.5, 2.5]
  assertClose(runGraph(dense('NONE', [1, 2, 3], true), [[1, 2, 3, 0, 0, 1]])[0], [-1.5, 5, -0.5, 2.5]);
  assertClose(runGraph(dense('NONE', [1, 3]), [[1, 2, 3, 0, 0, 1]], 2)[0], [-1.5, 5, -0.5, 2.5]);
  // A batch of five rows, one product each.
  const rows = [1, 2, 3, 0, 0, 1, 1, 1, 1, -1, 0, 0, 2, 0, 2];
  assertClose(
    runGraph(dense('NONE', [1, 3]), [rows], 5)[0],
    [-1.5, 5, -0.5, 2.5, 0.5, 3.5, -0.5, 1.5, 0.5, 4],
  );
});

function unary(type: 'LOGISTIC' | 'TANH' | 'RELU' | 'RELU6', values: number[]): number[] {
  const g = new GraphBuilder();
  const x = g.input([1, values.length]);
  const out = g.tensor([1, values.length]);
  g.op({ type, inputs: [x], outputs: [out], options: {} });
  return runGraph(g.output(out).build(), [values])[0];
}

test('LOGISTIC, TANH, RELU and RELU6 ops', () => {
  assertClose(unary('LOGISTIC', [0, 2, -2]), [0.5, 0.8807970779778823, 0.11920292202211755]);
  assertClose(unary('TANH', [0, 0.5, -3]), [0, 0.46211715726000974, -0.9950547536867305]);
  assert.deepEqual(unary('RELU', [-1, 0, 2.5]), [0, 0, 2.5]);
  assert.deepEqual(unary('RELU6', [-1, 3, 7]), [0, 3, 6]);
});

test('an activation running in place on its input gives the same values', () => {
  const g = new GraphBuilder();
  const x = g.input([1, 3]);
  const doubled = g.tensor([1, 3]);
  const out = g.tensor([1, 3]);
  g.op({ type: 'ADD', inputs: [x, x], outputs: [doubled], options: { fusedActivation: 'NONE' } });
  g.op({ type: 'RELU6', inputs: [doubled], outputs: [out], options: {} });
  const graph = g.output(out).build();
  const interpreter = new Interpreter(graph);
  assert.equal(interpreter.plan.entries.find((entry) => entry.tensor === out)?.aliasOf, doubled);
  interpreter.input().set([-1, 2, 4]);
  interpreter.invoke();
  assert.deepEqual(Array.from(interpreter.output()), [0, 4, 6]);
});

function softmax(values: number[], cols: number, beta: number): number[] {
  const g = new GraphBuilder();
  const x = g.input([1, cols]);
  const out = g.tensor([1, cols]);
  g.op({ type: 'SOFTMAX', inputs: [x], outputs: [out], options: { beta } });
  return runGraph(g.output(out).build(), [values], values.length / cols)[0];
}

test('SOFTMAX per row, with beta', () => {
  // numpy: exp([1,2,3]) / sum; beta 2 is softmax([2,4,6]); a constant row is uniform.
  assertClose(softmax([1, 2, 3, 0, 0, 0], 3, 1), [
    0.09003057317038046,
    0.24472847105479767,
    0.6652409557748219,
    1 / 3,
    1 / 3,
    1 / 3,
  ]);
  assertClose(softmax([1, 2, 3], 3, 2), [0.015876239976466765, 0.11731042782619835, 0.8668133321973348]);
  // Large logits do not overflow.
  assertClose(softmax([1000, 1000], 2, 1), [0.5, 0.5]);
});

function arithmetic(
  type: 'ADD' | 'SUB' | 'MUL',
  aShape: number[],
  a: number[],
  bShape: number[],
  b: number[],
  outShape: number[],
  activation: FusedActivation = 'NONE',
): number[] {
  const g = new GraphBuilder();
  const x = g.input(aShape);
  const y = g.floats(bShape, b);
  const out = g.tensor(outShape);
  g.op({ type, inputs: [x, y], outputs: [out], options: { fusedActivation: activation } });
  return runGraph(g.output(out).build(), [a])[0];
}

test('ADD, SUB and MUL broadcast like numpy', () => {
  const a = [1, 2, 3, 4, 5, 6]; // [[1,2,3],[4,5,6]]
  assert.deepEqual(arithmetic('ADD', [1, 2, 3], a, [3], [10, 20, 30], [1, 2, 3]), [11, 22, 33, 14, 25, 36]);
  assert.deepEqual(arithmetic('SUB', [1, 2, 3], a, [1, 2, 1], [1, 2], [1, 2, 3]), [0, 1, 2, 2, 3, 4]);
  assert.deepEqual(arithmetic('MUL', [1, 2, 3], a, [1], [2], [1, 2, 3]), [2, 4, 6, 8, 10, 12]);
  assert.deepEqual(
    arithmetic('MUL', [1, 2, 3], a, [1, 2, 3], [1, -1, 1, -1, 1, -1], [1, 2, 3], 'RELU'),
    [1, 0, 3, 0, 5, 0],
  );
  // [1, 2, 1] against [1, 1, 3]: both operands repeat, an outer product.
  assert.deepEqual(
    arithmetic('MUL', [1, 2, 1], [1, 2], [1, 1, 3], [10, 20, 30], [1, 2, 3]),
    [10, 20, 30, 20, 40, 60],
  );
  // Repeats in the middle: [1, 2, 1, 2] + [1, 1, 3, 1] -> [1, 2, 3, 2].
  assert.deepEqual(
    arithmetic('ADD', [1, 2, 1, 2], [1, 2, 3, 4], [1, 1, 3, 1], [10, 20, 30], [1, 2, 3, 2]),
    [11, 12, 21, 22, 31, 32, 13, 14, 23, 24, 33, 34],
  );
});

test('ADD with a per-channel constant over a batch', () => {
  const g = new GraphBuilder();
  const x = g.input([1, 3]);
  const out = g.tensor([1, 3]);
  g.op({
    type: 'ADD',
    inputs: [x, g.floats([3], [1, 2, 3])],
    outputs: [out],
    options: { fusedActivation: 'NONE' },
  });
  assert.deepEqual(runGraph(g.output(out).build(), [[0, 0, 0, 10, 10, 10]], 2)[0], [1, 2, 3, 11, 12, 13]);
});

test('CONCATENATION along the last and a middle axis', () => {
  const g = new GraphBuilder();
  const a = g.input([1, 2, 2]);
  const b = g.input([1, 2, 1]);
  const c = g.floats([1, 1, 2], [7, 8]);
  const last = g.tensor([1, 2, 3]);
  const middle = g.tensor([1, 3, 2]);
  g.op({
    type: 'CONCATENATION',
    inputs: [a, b],
    outputs: [last],
    options: { axis: -1, fusedActivation: 'NONE' },
  });
  g.op({
    type: 'CONCATENATION',
    inputs: [a, c],
    outputs: [middle],
    options: { axis: 1, fusedActivation: 'RELU' },
  });
  const [lastValues, middleValues] = runGraph(g.output(last).output(middle).build(), [
    [1, 2, 3, -4],
    [5, 6],
  ]);
  assert.deepEqual(lastValues, [1, 2, 5, 3, -4, 6]);
  assert.deepEqual(middleValues, [1, 2, 3, 0, 7, 8]);
});

test('RESHAPE shares its input bytes when the input dies there, and copies otherwise', () => {
  const g = new GraphBuilder();
  const x = g.input([1, 2, 3]);
  const flat = g.tensor([1, 6]);
  const twice = g.tensor([1, 2, 3]);
  const flatTwice = g.tensor([1, 6]);
  g.op({ type: 'RESHAPE', inputs: [x, g.ints([1, 6])], outputs: [flat], options: {} });
  g.op({ type: 'ADD', inputs: [x, x], outputs: [twice], options: { fusedActivation: 'NONE' } });
  g.op({ type: 'RESHAPE', inputs: [twice, g.ints([1, 6])], outputs: [flatTwice], options: {} });
  const graph = g.output(flat).output(flatTwice).build();
  const interpreter = new Interpreter(graph, { batch: 2 });
  const entry = (tensor: number) => interpreter.plan.entries.find((e) => e.tensor === tensor)!;
  assert.equal(entry(flat).aliasOf, undefined);
  assert.equal(entry(flatTwice).aliasOf, twice);
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  interpreter.input().set(values);
  interpreter.invoke();
  assert.deepEqual(Array.from(interpreter.output(0)), values);
  assert.deepEqual(
    Array.from(interpreter.output(1)),
    values.map((v) => 2 * v),
  );
});

test('QUANTIZE rounds half away from zero in float32 and saturates; DEQUANTIZE maps back', () => {
  const g = new GraphBuilder();
  const x = g.input([1, 8]);
  const q = g.tensor([1, 8], 'int8', { quantization: { scale: [0.5], zeroPoint: [-1] } });
  const back = g.tensor([1, 8]);
  g.op({ type: 'QUANTIZE', inputs: [x], outputs: [q], options: {} });
  g.op({ type: 'DEQUANTIZE', inputs: [q], outputs: [back], options: {} });
  // x / 0.5 = [-2, -0.52, 0.5, 1.5, 2, 200, -200, 0.25] -> round [-2, -1, 1, 2, 2, 200, -200, 0]
  // + zero point -1 -> [-3, -2, 0, 1, 1, 199, -201, -1] -> int8 [-3, -2, 0, 1, 1, 127, -128, -1]
  // back: 0.5 · (q + 1) = [-1, -0.5, 0.5, 1, 1, 64, -63.5, 0]
  const [values] = runGraph(g.output(back).build(), [[-1, -0.26, 0.25, 0.75, 1, 100, -100, 0.125]]);
  assert.deepEqual(values, [-1, -0.5, 0.5, 1, 1, 64, -63.5, 0]);
});

test('QUANTIZE per channel to int16; DEQUANTIZE of constant int8 weights', () => {
  const g = new GraphBuilder();
  const x = g.input([1, 2, 2]);
  const q = g.tensor([1, 2, 2], 'int16', {
    quantization: { scale: [0.1, 0.01], zeroPoint: [0, 0], axis: 2 },
  });
  const back = g.tensor([1, 2, 2]);
  g.op({ type: 'QUANTIZE', inputs: [x], outputs: [q], options: {} });
  g.op({ type: 'DEQUANTIZE', inputs: [q], outputs: [back], options: {} });
  const weights = g.constant([3], Int8Array.from([-128, 0, 127]));
  g.tensors[weights].quantization = { scale: [0.5], zeroPoint: [0] };
  const real = g.tensor([3]);
  g.op({ type: 'DEQUANTIZE', inputs: [weights], outputs: [real], options: {} });
  // In float32 (numpy): 0.25f / 0.1f = 2.5 -> 3; 0.025f / 0.01f = 2.5 -> 3; -0.35f / 0.1f = -3.5 -> -4,
  // where double division gives -3.4999999 -> -3; 400 / 0.01 saturates at 32767.
  const [values, weightValues] = runGraph(g.output(back).output(real).build(), [[0.25, 0.025, -0.35, 400]]);
  assertClose(values, [0.3, 0.03, -0.4, 327.67], 1e-4); // float32 resolution at 327 is 3e-5
  assert.deepEqual(weightValues, [-64, 0, 63.5]);
});

test('ops and dtypes without a float kernel fail clearly at construction', () => {
  // A valid dense layer on int16 input: neither the float nor the int8 kernels take it.
  const g = new GraphBuilder();
  const quantization = { scale: [0.1], zeroPoint: [0] };
  const x = g.tensor([1, 3], 'int16', { quantization });
  g.inputs.push(x);
  const w = g.constant([2, 3], new Int8Array(6));
  g.tensors[w].quantization = quantization;
  const b = g.constant([2], new Int32Array(2));
  g.tensors[b].quantization = { scale: [0.01], zeroPoint: [0] };
  const out = g.tensor([1, 2], 'int16', { quantization });
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [x, w, b],
    outputs: [out],
    options: { fusedActivation: 'NONE', keepNumDims: false },
  });
  assert.throws(
    () => new Interpreter(g.output(out).build(), { source: 'model.efg' }),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      /^model\.efg: op 0 \(FULLY_CONNECTED\): input 't0' \(#0\) is int16: the float runtime has no int16 FULLY_CONNECTED kernel/.test(
        error.oneLine(),
      ),
  );
  const interpreter = new Interpreter(dense('NONE', [1, 3]));
  assert.throws(() => interpreter.input(1), /the graph has no input 1 \(it has 1\)/);
  assert.throws(() => interpreter.output(-1), /no output -1/);
});
