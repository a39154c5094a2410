/**
 * The WebAssembly SIMD kernels against their specification, the TypeScript kernels: hand-made
 * fixtures, odd sizes and unaligned tails (bit for bit: both sum in double in the same order),
 * products from a bias row, FULLY_CONNECTED through the interpreter on both paths, and the
 * fallback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedActivation, Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { addMatMul, packMatrix } from '../../src/runtime/kernels/float/packed-matrix.js';
import { useWasmKernels, wasmKernelsAvailable } from '../../src/runtime/wasm/kernel-module.js';
import { createWasmMatMul, PACKED_MATVEC } from '../../src/runtime/wasm/wasm-matmul.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { assertTwins, runBoth } from './twins.js';

function wasmMatMul(...args: Parameters<typeof createWasmMatMul>) {
  const product = createWasmMatMul(...args);
  assert.ok(product !== undefined, 'this Node has WebAssembly SIMD');
  return product;
}

test('Node 20 has WebAssembly SIMD, so the kernels are on', () => {
  assert.equal(wasmKernelsAvailable(PACKED_MATVEC), true);
});

test('a hand-computed product, added to what the output held', () => {
  // M = [[1, 2, 3], [-1, 0, 4]] (rows 2..7 of the panel are padding), v = [1, 1, 2], out starts at [10, 20]:
  // [10 + 1 + 2 + 6, 20 - 1 + 0 + 8] = [19, 27]
  const product = wasmMatMul(Float32Array.from([1, 2, 3, -1, 0, 4]), 2, 3, 1);
  product.input.set([1, 1, 2]);
  product.output.set([10, 20]);
  product.run(1);
  assert.deepEqual(Array.from(product.output), [19, 27]);
  // A strided source: rows 0 and 2 of a 3 × 4 matrix, columns 1..2 (at = 1, rowStride = 8).
  const strided = wasmMatMul(Float32Array.from([0, 1, 2, 0, 0, 0, 0, 0, 0, 3, 4, 0]), 2, 2, 1, 1, 8);
  strided.input.set([1, 10]);
  strided.run(1);
  assert.deepEqual(Array.from(strided.output), [21, 43]);
});

test('from a bias row instead of the output: a hand-computed pair of vectors', () => {
  // M = [[1, 2, 3], [-1, 0, 4]], bias [0.5, -1]; v0 = [1, 1, 2] -> [1 + 2 + 6 + 0.5, -1 + 8 - 1],
  // v1 = [0, 1, 0] -> [2 + 0.5, 0 - 1]; what the output held before does not count.
  const product = wasmMatMul(Float32Array.from([1, 2, 3, -1, 0, 4]), 2, 3, 2);
  product.bias.set([0.5, -1]);
  product.input.set([1, 1, 2, 0, 1, 0]);
  product.output.fill(100);
  product.runFromBias(2);
  assert.deepEqual(Array.from(product.output), [9.5, 6, 2.5, -1]);
  // One vector: the rows go two panels at a time (here one panel, paired with itself).
  product.output.fill(100);
  product.runFromBias(1);
  assert.deepEqual(Array.from(product.output), [9.5, 6, 100, 100]);
});

test('equals the TypeScript packed product bit for bit on odd sizes and unaligned tails', () => {
  const random = new Random(9);
  for (const rows of [1, 3, 7, 8, 9, 15, 16, 17, 33]) {
    for (const cols of [1, 2, 5, 16, 31]) {
      for (const count of [1, 2, 3, 5]) {
        const m = Float32Array.from({ length: rows * cols }, () => random.normal());
        const v = Float32Array.from({ length: count * cols }, () => random.normal());
        const start = Float32Array.from({ length: count * rows }, () => random.normal());
        const expected = start.slice();
        addMatMul(packMatrix(m, rows, cols), count, v, 0, cols, expected, 0, rows);
        const product = wasmMatMul(m, rows, cols, count);
        product.input.set(v);
        product.output.set(start);
        product.run(count);
        assert.deepEqual(
          Array.from(product.output),
          Array.from(expected),
          `${rows}x${cols}, ${count} vectors`,
        );
        // From a bias row: the TypeScript kernel started from the same row in every vector.
        const bias = Float32Array.from({ length: rows }, () => random.normal());
        const fromBias = new Float32Array(count * rows);
        for (let i = 0; i < count; i++) fromBias.set(bias, i * rows);
        addMatMul(packMatrix(m, rows, cols), count, v, 0, cols, fromBias, 0, rows);
        product.bias.set(bias);
        product.runFromBias(count);
        assert.deepEqual(
          Array.from(product.output),
          Array.from(fromBias),
          `${rows}x${cols}, ${count} from bias`,
        );
      }
    }
  }
});

function denseGraph(
  units: number,
  depth: number,
  activation: FusedActivation,
  random: Random,
  bias = true,
): Graph {
  const g = new GraphBuilder();
  const x = g.input([1, depth]);
  const w = g.floats(
    [units, depth],
    Array.from({ length: units * depth }, () => random.normal()),
  );
  const inputs = [x, w];
  if (bias)
    inputs.push(
      g.floats(
        [units],
        Array.from({ length: units }, () => random.normal()),
      ),
    );
  const out = g.tensor([1, units]);
  g.op({
    type: 'FULLY_CONNECTED',
    inputs,
    outputs: [out],
    options: { fusedActivation: activation, keepNumDims: false },
  });
  return g.output(out).build();
}

test('FULLY_CONNECTED through the interpreter: the WebAssembly kernel matches the TypeScript one', () => {
  const random = new Random(4);
  for (const [units, depth, batch, activation, bias] of [
    [5, 3, 1, 'NONE', true],
    [13, 64, 3, 'RELU', true],
    [64, 9, 7, 'TANH', true],
    [1, 7, 2, 'RELU6', false],
    [17, 5, 1, 'RELU_N1_TO_1', true],
    [33, 20, 4, 'NONE', false],
  ] as const) {
    const graph = denseGraph(units, depth, activation, random, bias);
    const x = Float32Array.from({ length: batch * depth }, () => random.normal());
    const label = `${units}x${depth} batch ${batch}`;
    assertTwins(graph, { inputs: [x], options: { batch }, invocations: 3 }, ['FULLY_CONNECTED'], label);
    const [typescript, webassembly] = runBoth(graph, x, batch);
    assert.deepEqual(webassembly, typescript, `${label} bit for bit`);
  }
  // Hand-computed: W = [[1, -1, 0], [0.5, 0, 2]], b = [0.5, 2], x = [1, 2, 3] -> [-0.5, 8.5], RELU -> [0, 8.5].
  const g = new GraphBuilder();
  const x = g.input([1, 3]);
  const w = g.floats([2, 3], [1, -1, 0, 0.5, 0, 2]);
  const b = g.floats([2], [0.5, 2]);
  const out = g.tensor([1, 2]);
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [x, w, b],
    outputs: [out],
    options: { fusedActivation: 'RELU', keepNumDims: false },
  });
  const interpreter = new Interpreter(g.output(out).build());
  assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
  interpreter.input(0).set([1, 2, 3]);
  interpreter.invoke();
  assert.deepEqual(Array.from(interpreter.output(0)), [0, 8.5]);
});

test('switched off, no WebAssembly kernel is made (the TypeScript kernels run)', () => {
  useWasmKernels(false);
  try {
    assert.equal(wasmKernelsAvailable(PACKED_MATVEC), false);
    assert.equal(createWasmMatMul(new Float32Array(4), 2, 2, 1), undefined);
  } finally {
    useWasmKernels(true);
  }
});
