/**
 * MAX_POOL_2D and AVERAGE_POOL_2D on the WebAssembly kernel against their specification, the
 * TypeScript kernel: a hand-computed fixture, odd channel counts (vector tails), paddings,
 * strides, windows, batches and fused activations, and NaN, infinities and signed zeros bit
 * for bit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedActivation, Graph, Padding, Pool2DOptions } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { assertTwins, runBoth } from './twins.js';

type PoolType = 'MAX_POOL_2D' | 'AVERAGE_POOL_2D';

interface PoolCase {
  type: PoolType;
  height: number;
  width: number;
  channels: number;
  options: Partial<Pool2DOptions>;
}

function outputSize(size: number, filter: number, stride: number, padding: Padding): number {
  return padding === 'SAME' ? Math.ceil(size / stride) : Math.floor((size - filter) / stride) + 1;
}

function poolGraph(c: PoolCase): Graph {
  const options: Pool2DOptions = {
    padding: 'VALID',
    strideH: 1,
    strideW: 1,
    filterH: 1,
    filterW: 2,
    fusedActivation: 'NONE',
    ...c.options,
  };
  const g = new GraphBuilder();
  const x = g.input([1, c.height, c.width, c.channels]);
  const outH = outputSize(c.height, options.filterH, options.strideH, options.padding);
  const outW = outputSize(c.width, options.filterW, options.strideW, options.padding);
  const out = g.tensor([1, outH, outW, c.channels]);
  g.op({ type: c.type, inputs: [x], outputs: [out], options });
  return g.output(out).build();
}

test('hand-computed max and average pools with SAME padding (padding never counts)', () => {
  // x along W, two channels: [1, -1], [5, -2], [3, -7], [-4, 6], [2, 8]; windows of 2, stride 2,
  // SAME: 3 outputs, one padding column after the last input.
  const x = [1, -1, 5, -2, 3, -7, -4, 6, 2, 8];
  const options = { padding: 'SAME' as const, filterW: 2, strideW: 2 };
  const run = (type: PoolType) => {
    const interpreter = new Interpreter(poolGraph({ type, height: 1, width: 5, channels: 2, options }));
    assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
    interpreter.input(0).set(x);
    interpreter.invoke();
    return Array.from(interpreter.output(0));
  };
  assert.deepEqual(run('MAX_POOL_2D'), [5, -1, 3, 6, 2, 8]);
  // (1 + 5) / 2, (-1 - 2) / 2, (3 - 4) / 2, (-7 + 6) / 2, 2 / 1, 8 / 1
  assert.deepEqual(run('AVERAGE_POOL_2D'), [3, -1.5, -0.5, -0.5, 2, 8]);
});

test('odd channel counts, windows, paddings, strides, batches and activations match the TypeScript kernel', () => {
  const random = new Random(21);
  const activations: FusedActivation[] = ['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1', 'TANH'];
  let variant = 0;
  for (const type of ['MAX_POOL_2D', 'AVERAGE_POOL_2D'] as const) {
    for (const channels of [1, 3, 5, 17, 32]) {
      for (const [height, filterH, strideH] of [
        [1, 1, 1],
        [5, 2, 2],
        [6, 3, 1],
      ]) {
        for (const [filterW, strideW] of [
          [2, 2],
          [3, 1],
          [3, 2],
        ]) {
          const padding: Padding = variant % 2 === 0 ? 'SAME' : 'VALID';
          const batch = (variant >> 1) % 2 === 0 ? 1 : 3;
          const fusedActivation = activations[variant % activations.length];
          variant++;
          const options = { padding, filterH, strideH, filterW, strideW, fusedActivation };
          const graph = poolGraph({ type, height, width: 7, channels, options });
          const x = Float32Array.from({ length: batch * height * 7 * channels }, () => random.normal());
          const label = `${type} C${channels} ${filterH}x${filterW} s${strideH}x${strideW} ${padding} b${batch} ${fusedActivation}`;
          assertTwins(graph, { inputs: [x], options: { batch }, invocations: 3 }, [type], label);
        }
      }
    }
  }
});

test('NaN, infinities and signed zeros pool exactly as in the TypeScript kernel', () => {
  // Channels 0..4 (a vector and a tail lane) along W: a NaN first, a NaN later, zeros of both signs, infinities.
  const x = Float32Array.from([NaN, 1, -0, Infinity, NaN, 2, NaN, 0, -Infinity, -0, -0, 3, 0, Infinity, 0]);
  for (const type of ['MAX_POOL_2D', 'AVERAGE_POOL_2D'] as const) {
    for (const padding of ['SAME', 'VALID'] as const) {
      const graph = poolGraph({ type, height: 1, width: 3, channels: 5, options: { padding, filterW: 2 } });
      const [typescript, webassembly] = runBoth(graph, x);
      assert.deepEqual(webassembly, typescript, `${type} ${padding}`);
    }
  }
});
