/**
 * MEAN and REDUCE_MAX on the WebAssembly kernel against their specification, the TypeScript
 * kernel: a hand-computed fixture, reduced blocks of every position (leading, middle,
 * trailing, all, none), negative axes, keepDims, batches, odd inner sizes (vector tails),
 * NaN and signed zeros bit for bit, and the TypeScript fallback when the reduced axes are
 * not one block.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { assertTwins, runBoth } from './twins.js';

type ReduceType = 'MEAN' | 'REDUCE_MAX';

function reduceGraph(type: ReduceType, shape: number[], axes: number[], keepDims = false): Graph {
  const normal = new Set(axes.map((axis) => (axis < 0 ? axis + shape.length : axis)));
  const outShape = keepDims
    ? shape.map((size, axis) => (normal.has(axis) ? 1 : size))
    : shape.filter((_, axis) => !normal.has(axis));
  const g = new GraphBuilder();
  const x = g.input(shape);
  const out = g.tensor(outShape);
  g.op({ type, inputs: [x, g.ints(axes)], outputs: [out], options: { keepDims } });
  return g.output(out).build();
}

function implementation(graph: Graph): string {
  return new Interpreter(graph).kernelImplementations()[0];
}

test('a hand-computed global average and maximum over positions, per channel', () => {
  // [1, 1, 3, 2]: positions [1, -2], [4, 6], [-3, 2] -> means [2/3, 2], maxima [4, 6].
  for (const [type, expected] of [
    ['MEAN', [Math.fround(2 / 3), 2]],
    ['REDUCE_MAX', [4, 6]],
  ] as const) {
    const interpreter = new Interpreter(reduceGraph(type, [1, 1, 3, 2], [1, 2]));
    assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
    interpreter.input(0).set([1, -2, 4, 6, -3, 2]);
    interpreter.invoke();
    assert.deepEqual(Array.from(interpreter.output(0)), expected);
  }
});

test('reduced blocks anywhere in the shape, negative axes, keepDims and batches match the TypeScript kernel', () => {
  const random = new Random(41);
  const cases: [number[], number[]][] = [
    [
      [1, 1, 16, 32],
      [1, 2],
    ],
    [
      [1, 1, 7, 5],
      [1, 2],
    ],
    [[1, 4, 3, 9], [2]],
    [[1, 4, 3, 9], [-1]],
    [
      [1, 6, 5],
      [1, 2],
    ],
    [
      [1, 6, 5],
      [0, 1, 2],
    ],
    [
      [1, 3, 1, 7],
      [1, 2],
    ],
    [[1, 5, 11], [1]],
    [
      [1, 2, 3, 4],
      [2, 2],
    ],
  ];
  for (const type of ['MEAN', 'REDUCE_MAX'] as const) {
    cases.forEach(([shape, axes], index) => {
      for (const batch of [1, 3]) {
        const graph = reduceGraph(type, shape, axes, index % 2 === 0);
        const size = batch * shape.reduce((product, value) => product * value, 1);
        const x = Float32Array.from({ length: size }, () => random.normal());
        const label = `${type} [${shape.join(', ')}] axes [${axes.join(', ')}] batch ${batch}`;
        assertTwins(graph, { inputs: [x], options: { batch }, invocations: 3 }, [type], label);
        const [typescript, webassembly] = runBoth(graph, x, batch);
        assert.deepEqual(webassembly, typescript, `${label} bit for bit`);
      }
    });
  }
});

test('NaN, infinities and signed zeros reduce exactly as in the TypeScript kernel', () => {
  // [1, 3, 5]: over axis 1, channel by channel (a vector of four and a tail).
  const x = Float32Array.from([NaN, -0, 1, Infinity, NaN, 2, 0, NaN, -Infinity, -0, -0, -0, 3, 0, NaN]);
  for (const type of ['MEAN', 'REDUCE_MAX'] as const) {
    const [typescript, webassembly] = runBoth(reduceGraph(type, [1, 3, 5], [1]), x);
    assert.deepEqual(webassembly, typescript, type);
  }
});

test('reduced axes that are not one block run on the TypeScript kernel', () => {
  assert.equal(implementation(reduceGraph('MEAN', [1, 4, 3, 5], [1, 3])), 'typescript');
  assert.equal(implementation(reduceGraph('REDUCE_MAX', [1, 4, 3, 5], [1, 3])), 'typescript');
  // Size-1 axes do not count: reducing the batch axis (size 1 here) and the last is one block.
  assert.equal(implementation(reduceGraph('MEAN', [1, 4, 3], [0, 2])), 'webassembly');
});
