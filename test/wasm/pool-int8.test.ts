/**
 * The int8 WebAssembly MAX_POOL_2D and MEAN kernels against their specification, the
 * TypeScript int8 kernels, bit for bit: hand-computed fixtures, odd sizes over every option,
 * and the ops that stay on TypeScript (AVERAGE_POOL_2D, REDUCE_MAX, MEAN over axes apart).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedActivation, Graph, Padding } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { Random } from '../../src/util/random.js';
import { q, QuantGraph } from '../quant/int8-graph.js';
import { assertTwins } from './twins.js';

function int8Values(random: Random, count: number): Int8Array {
  return Int8Array.from({ length: count }, () => random.int(256) - 128);
}

/** One op's graph run once on WebAssembly (checked): its implementation and output. */
function runOnce(graph: Graph, x: readonly number[]): { implementation: string; output: number[] } {
  const interpreter = new Interpreter(graph);
  interpreter.inputData(0).set(x);
  interpreter.invoke();
  return {
    implementation: interpreter.kernelImplementations()[0],
    output: Array.from(interpreter.outputData(0)),
  };
}

interface PoolCase {
  height: number;
  width: number;
  channels: number;
  filterH: number;
  filterW: number;
  stride: number;
  padding: Padding;
  activation: FusedActivation;
}

function poolGraph(c: PoolCase, type: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D' = 'MAX_POOL_2D'): Graph | undefined {
  const out = (size: number, filter: number) =>
    c.padding === 'SAME' ? Math.ceil(size / c.stride) : Math.ceil((size - filter + 1) / c.stride);
  const outH = out(c.height, c.filterH);
  const outW = out(c.width, c.filterW);
  if (outH < 1 || outW < 1) return undefined;
  const g = new QuantGraph();
  const quant = q(0.1, -5);
  const input = g.input([1, c.height, c.width, c.channels], quant);
  const output = g.tensor([1, outH, outW, c.channels], quant);
  g.op({
    type,
    inputs: [input],
    outputs: [output],
    options: {
      padding: c.padding,
      strideH: c.stride,
      strideW: c.stride,
      filterH: c.filterH,
      filterW: c.filterW,
      fusedActivation: c.activation,
    },
  });
  return g.output(output).build();
}

test('MAX_POOL_2D hand-computed: a SAME window cut by the edge, then the RELU clamp', () => {
  // 1 × 3 × 2 input, pool 2 wide, stride 2, SAME: windows {0, 1} and {2} (padded after).
  // Scale 0.1, zero point -5: RELU clamps below at -5.
  const graph = poolGraph({
    height: 1,
    width: 3,
    channels: 2,
    filterH: 1,
    filterW: 2,
    stride: 2,
    padding: 'SAME',
    activation: 'RELU',
  });
  assert.ok(graph !== undefined);
  // Channel 0: 7, -9, -128 -> max(7, -9) = 7, -128 -> clamped -5 (zero point); channel 1: -20, 4, 100.
  const { implementation, output } = runOnce(graph, [7, -20, -9, 4, -128, 100]);
  assert.equal(implementation, 'webassembly');
  assert.deepEqual(output, [7, 4, -5, 100]);
});

test('MAX_POOL_2D equals the TypeScript kernel over odd sizes, windows, strides, padding and batch', () => {
  const random = new Random(21);
  const activations: FusedActivation[] = ['NONE', 'RELU', 'RELU6'];
  let index = 0;
  for (const channels of [1, 3, 16, 17, 33]) {
    for (const [height, width] of [
      [1, 1],
      [1, 5],
      [3, 4],
      [5, 7],
    ]) {
      for (const filter of [1, 2, 3]) {
        const c: PoolCase = {
          height,
          width,
          channels,
          filterH: height === 1 ? 1 : filter,
          filterW: filter,
          stride: 1 + (index % 2),
          padding: index % 3 === 0 ? 'VALID' : 'SAME',
          activation: activations[Math.floor(index / 2) % 3],
        };
        index++;
        const graph = poolGraph(c);
        if (graph === undefined) continue;
        const batch = 1 + 2 * (index % 2);
        const x = int8Values(random, batch * height * width * channels);
        assertTwins(graph, { inputs: [x], options: { batch } }, ['MAX_POOL_2D'], JSON.stringify(c));
      }
    }
  }
});

test('AVERAGE_POOL_2D stays on its TypeScript kernel', () => {
  const c: PoolCase = {
    height: 1,
    width: 4,
    channels: 2,
    filterH: 1,
    filterW: 2,
    stride: 2,
    padding: 'VALID',
    activation: 'NONE',
  };
  const graph = poolGraph(c, 'AVERAGE_POOL_2D');
  assert.ok(graph !== undefined);
  assert.equal(runOnce(graph, [1, 2, 3, 4, 5, 6, 7, 8]).implementation, 'typescript');
});

function meanGraph(
  shape: number[],
  axes: number[],
  keepDims: boolean,
  outScale: number,
  type: 'MEAN' | 'REDUCE_MAX' = 'MEAN',
): Graph {
  const g = new QuantGraph();
  const input = g.input(shape, q(0.5, 1));
  const axesTensor = g.int32([axes.length], axes);
  const reduced = new Set(axes.map((axis) => (axis < 0 ? axis + shape.length : axis)));
  const outShape = shape.flatMap((size, axis) => (!reduced.has(axis) ? [size] : keepDims ? [1] : []));
  const output = g.tensor(outShape, type === 'MEAN' ? q(outScale, -1) : q(0.5, 1));
  g.op({ type, inputs: [input, axesTensor], outputs: [output], options: { keepDims } });
  return g.output(output).build();
}

test('MEAN hand-computed: the global average of each channel', () => {
  // In scale 0.5 zero point 1, out scale 0.25 zero point -1, two values per channel: rescale 2 with
  // 1/2 folded in is 1, so each output is Σ(x - 1) - 1. Channel 0: 3, 5 -> 2 + 4 - 1 = 5;
  // channel 1: -1, 1 -> -2 + 0 - 1 = -3; channel 2: 10, -20 -> 9 - 21 - 1 = -13.
  const { implementation, output } = runOnce(
    meanGraph([1, 1, 2, 3], [1, 2], false, 0.25),
    [3, -1, 10, 5, 1, -20],
  );
  assert.equal(implementation, 'webassembly');
  assert.deepEqual(output, [5, -3, -13]);
});

test('MEAN equals the TypeScript kernel over adjacent axes, odd sizes, scales and batch', () => {
  const random = new Random(22);
  let index = 0;
  for (const shape of [
    [1, 1, 16, 32],
    [1, 3, 5, 17],
    [1, 7, 1, 3],
    [1, 2, 9, 1],
  ]) {
    for (const axes of [[1, 2], [2], [1], [-1], [2, 1, 2]]) {
      for (const outScale of [0.003, 0.05, 1.7]) {
        const graph = meanGraph(shape, axes, index % 2 === 0, outScale);
        const batch = 1 + 2 * (index % 2);
        index++;
        const x = int8Values(random, batch * shape.reduce((a, b) => a * b, 1));
        assertTwins(
          graph,
          { inputs: [x], options: { batch } },
          ['MEAN'],
          `${shape} over ${axes}, scale ${outScale}`,
        );
      }
    }
  }
});

test('MEAN over axes apart and REDUCE_MAX stay on their TypeScript kernels', () => {
  const x = Array.from({ length: 12 }, (_, i) => i - 6);
  assert.equal(runOnce(meanGraph([1, 2, 2, 3], [1, 3], false, 0.5), x).implementation, 'typescript');
  assert.equal(
    runOnce(meanGraph([1, 2, 2, 3], [1, 2], false, 0.5, 'REDUCE_MAX'), x).implementation,
    'typescript',
  );
});
