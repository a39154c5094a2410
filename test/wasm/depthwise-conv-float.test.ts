/**
 * DEPTHWISE_CONV_2D on the WebAssembly kernel against its specification, the TypeScript
 * kernel: a hand-computed fixture, odd channel counts and multipliers (partial vectors),
 * every padding, stride, dilation and fused activation, batches, bit-for-bit results, and the
 * fallback for filters the kernel cannot run exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DepthwiseConv2DOptions, Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { assertTwins, runBoth } from './twins.js';
import {
  depthwiseOptions,
  FLOAT_ACTIVATIONS as ACTIVATIONS,
  convOutputSize,
  sweepVariant,
  TWO_D_WINDOWS,
} from '../runtime/conv-fixtures.js';

interface DepthwiseCase {
  height: number;
  width: number;
  channels: number;
  kernelH: number;
  kernelW: number;
  options: Partial<DepthwiseConv2DOptions>;
}

function depthwiseGraph(
  c: DepthwiseCase,
  filterValues: readonly number[],
  biasValues?: readonly number[],
): Graph {
  const options = depthwiseOptions(c.options);
  const depth = c.channels * options.depthMultiplier;
  const { outH, outW } = convOutputSize(c, options);
  const g = new GraphBuilder();
  const x = g.input([1, c.height, c.width, c.channels]);
  const f = g.floats([1, c.kernelH, c.kernelW, depth], filterValues);
  const inputs = biasValues === undefined ? [x, f] : [x, f, g.floats([depth], biasValues)];
  const out = g.tensor([1, outH, outW, depth]);
  g.op({ type: 'DEPTHWISE_CONV_2D', inputs, outputs: [out], options });
  return g.output(out).build();
}

function randomDepthwise(c: DepthwiseCase, random: Random, withBias = true): Graph {
  const depth = c.channels * (c.options.depthMultiplier ?? 1);
  const filter = Array.from({ length: c.kernelH * c.kernelW * depth }, () => random.normal());
  const bias = withBias ? Array.from({ length: depth }, () => random.normal()) : undefined;
  return depthwiseGraph(c, filter, bias);
}

function randomInput(c: DepthwiseCase, batch: number, random: Random): Float32Array {
  return Float32Array.from({ length: batch * c.height * c.width * c.channels }, () => random.normal());
}

test('a hand-computed depthwise convolution: two channels, multiplier 2, SAME padding, bias', () => {
  // x along W (channels [a, b]): [1, 2], [3, 4], [5, 6]; kernel width 2, SAME pads one zero column
  // after. Taps kx 0 = [1, 2, 3, 4], kx 1 = [10, 20, 30, 40] over output channels (c·2 + m);
  // bias [0, 0, 0, 100]. Position 0: a 1·1 + 3·10, 1·2 + 3·20, b 2·3 + 4·30, 2·4 + 4·40 + 100.
  const c = {
    height: 1,
    width: 3,
    channels: 2,
    kernelH: 1,
    kernelW: 2,
    options: { padding: 'SAME' as const, depthMultiplier: 2 },
  };
  const interpreter = new Interpreter(depthwiseGraph(c, [1, 2, 3, 4, 10, 20, 30, 40], [0, 0, 0, 100]));
  assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
  interpreter.input(0).set([1, 2, 3, 4, 5, 6]);
  interpreter.invoke();
  // Position 1: 3 + 50, 6 + 100, 12 + 180, 16 + 240 + 100; position 2 (padding after): 5, 10, 18, 24 + 100.
  assert.deepEqual(Array.from(interpreter.output(0)), [31, 62, 126, 268, 53, 106, 192, 356, 5, 10, 18, 124]);
});

test('odd channel counts, multipliers, kernel widths, paddings, strides and batches match the TypeScript kernel', () => {
  const random = new Random(31);
  let variant = 0;
  for (const channels of [1, 3, 5, 17]) {
    for (const depthMultiplier of [1, 2, 3]) {
      for (const kernelW of [1, 3, 5]) {
        const { padding, strideW, batch, fusedActivation } = sweepVariant(variant++);
        const c = {
          height: 1,
          width: 11,
          channels,
          kernelH: 1,
          kernelW,
          options: { padding, strideW, depthMultiplier, fusedActivation },
        };
        const label = `C${channels} M${depthMultiplier} k${kernelW} ${padding} s${strideW} b${batch} ${fusedActivation}`;
        const x = randomInput(c, batch, random);
        assertTwins(
          randomDepthwise(c, random, variant % 3 !== 0),
          { inputs: [x], options: { batch }, invocations: 3 },
          ['DEPTHWISE_CONV_2D'],
          label,
        );
      }
    }
  }
});

test('two-dimensional windows with strides and dilations, and every activation, bit for bit', () => {
  const random = new Random(32);
  const multipliers = [2, 1, 1, 3];
  const cases: DepthwiseCase[] = TWO_D_WINDOWS.map((w, i) => ({
    ...w,
    options: { ...w.options, depthMultiplier: multipliers[i] },
  }));
  cases.forEach((c, index) => {
    for (const fusedActivation of ACTIVATIONS) {
      const graph = randomDepthwise({ ...c, options: { ...c.options, fusedActivation } }, random);
      const [typescript, webassembly] = runBoth(graph, randomInput(c, 2, random), 2);
      assert.deepEqual(webassembly, typescript, `2-D case ${index} ${fusedActivation}`);
    }
  });
});

test('NaN and infinite inputs give the TypeScript kernel outputs exactly', () => {
  const random = new Random(33);
  const c = {
    height: 1,
    width: 6,
    channels: 3,
    kernelH: 1,
    kernelW: 3,
    options: { padding: 'SAME' as const, depthMultiplier: 2, fusedActivation: 'RELU' as const },
  };
  const x = randomInput(c, 1, random);
  x[1] = NaN;
  x[9] = Infinity;
  x[14] = -Infinity;
  const [typescript, webassembly] = runBoth(randomDepthwise(c, random), x);
  assert.deepEqual(webassembly, typescript);
});

test('a filter holding NaN runs on the TypeScript kernel', () => {
  const c = {
    height: 1,
    width: 4,
    channels: 2,
    kernelH: 1,
    kernelW: 3,
    options: { padding: 'SAME' as const },
  };
  const interpreter = new Interpreter(depthwiseGraph(c, [1, 2, NaN, 4, 5, 6]));
  assert.deepEqual(interpreter.kernelImplementations(), ['typescript']);
});
