/**
 * CONV_2D on the WebAssembly kernel against its specification, the TypeScript kernel: a
 * hand-computed fixture, odd channel and filter counts (partial blocks of eight), every padding,
 * stride, dilation and fused activation, batches, the whole cnn1d-small graph, and the
 * fallback for filters the kernel cannot run exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conv2DOptions, Graph } from '../../src/graph/types.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { Interpreter } from '../../src/runtime/index.js';
import { CONV_FLOAT } from '../../src/runtime/wasm/conv-float-layout.js';
import { wasmKernelsAvailable } from '../../src/runtime/wasm/kernel-module.js';
import { presetSettings } from '../../src/train/presets.js';
import { Random } from '../../src/util/random.js';
import { randomInputs, untrainedModel } from '../graph/model-fixtures.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { assertTwins, runBoth } from './twins.js';
import {
  convOptions,
  FLOAT_ACTIVATIONS as ACTIVATIONS,
  convOutputSize,
  sweepVariant,
  TWO_D_WINDOWS,
  type ConvShape,
} from '../runtime/conv-fixtures.js';

interface ConvCase extends ConvShape {
  options: Partial<Conv2DOptions>;
  bias?: boolean;
}

function convGraph(c: ConvCase, filterValues: readonly number[], biasValues?: readonly number[]): Graph {
  const options = convOptions(c.options);
  const { outH, outW } = convOutputSize(c, options);
  const g = new GraphBuilder();
  const x = g.input([1, c.height, c.width, c.channels]);
  const f = g.floats([c.filters, c.kernelH, c.kernelW, c.channels], filterValues);
  const inputs = biasValues === undefined ? [x, f] : [x, f, g.floats([c.filters], biasValues)];
  const out = g.tensor([1, outH, outW, c.filters]);
  g.op({ type: 'CONV_2D', inputs, outputs: [out], options });
  return g.output(out).build();
}

function randomConv(c: ConvCase, random: Random): Graph {
  const taps = c.filters * c.kernelH * c.kernelW * c.channels;
  const filter = Array.from({ length: taps }, () => random.normal());
  const bias = c.bias === false ? undefined : Array.from({ length: c.filters }, () => random.normal());
  return convGraph(c, filter, bias);
}

function assertConvTwins(c: ConvCase, batch: number, random: Random, label: string): void {
  const graph = randomConv(c, random);
  const x = Float32Array.from({ length: batch * c.height * c.width * c.channels }, () => random.normal());
  assertTwins(graph, { inputs: [x], options: { batch }, invocations: 3 }, ['CONV_2D'], label);
}

test('Node 20 has WebAssembly SIMD, so the float convolution kernel is on', () => {
  assert.equal(wasmKernelsAvailable(CONV_FLOAT), true);
});

test('a hand-computed convolution: two channels, two filters, SAME padding, bias and RELU', () => {
  // x along W (channels [a, b]): [1, 2], [3, 4], [5, 6]. Filter 0 taps (kx: [c0, c1]) =
  // [1, 0], [0, 1], [1, 1]; filter 1 = [-1, -1], [0, 0], [2, 0]. SAME pads one zero column each side.
  // Filter 0, bias 0.5: x0: 0 + 2 + (3 + 4) = 9.5; x1: 1 + 4 + 11 = 16.5; x2: 3 + 6 + 0 = 9.5.
  // Filter 1, bias -1: x0: 0 + 0 + 2·3 - 1 = 5; x1: -3 + 10 - 1 = 6; x2: -7 + 0 - 1 = -8 -> RELU 0.
  const graph = convGraph(
    {
      height: 1,
      width: 3,
      channels: 2,
      filters: 2,
      kernelH: 1,
      kernelW: 3,
      options: { padding: 'SAME', fusedActivation: 'RELU' },
    },
    [1, 0, 0, 1, 1, 1, -1, -1, 0, 0, 2, 0],
    [0.5, -1],
  );
  const interpreter = new Interpreter(graph);
  assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
  interpreter.input(0).set([1, 2, 3, 4, 5, 6]);
  interpreter.invoke();
  assert.deepEqual(Array.from(interpreter.output(0)), [9.5, 5, 16.5, 6, 9.5, 0]);
  // Again with other values: nothing is left over from the first run.
  interpreter.input(0).set([0, 0, 0, 0, 1, 0]);
  interpreter.invoke();
  // Only x2 = [1, 0] is set. Filter 0: 0, kx2·x2 = 1, kx1·x2 = 0, plus 0.5; filter 1: 0, kx2·x2 = 2,
  // kx0·x2 = -1, minus 1, RELU.
  assert.deepEqual(Array.from(interpreter.output(0)), [0.5, 0, 1.5, 1, 0.5, 0]);
});

test('odd channel and filter counts, kernel widths, paddings, strides and batches match the TypeScript kernel', () => {
  const random = new Random(11);
  let variant = 0;
  for (const channels of [1, 3, 5, 17]) {
    for (const filters of [1, 7, 16, 33]) {
      for (const kernelW of [1, 3, 5]) {
        const { padding, strideW, batch, fusedActivation } = sweepVariant(variant++);
        const c = {
          height: 1,
          width: 11,
          channels,
          filters,
          kernelH: 1,
          kernelW,
          options: { padding, strideW, fusedActivation },
        };
        assertConvTwins(
          c,
          batch,
          random,
          `C${channels} F${filters} k${kernelW} ${padding} s${strideW} b${batch} ${fusedActivation}`,
        );
      }
    }
  }
});

test('every fused activation, with and without bias, both paddings and strides', () => {
  const random = new Random(12);
  for (const fusedActivation of ACTIVATIONS) {
    for (const padding of ['SAME', 'VALID'] as const) {
      for (const strideW of [1, 2]) {
        for (const bias of [true, false]) {
          const c = {
            height: 1,
            width: 9,
            channels: 5,
            filters: 9,
            kernelH: 1,
            kernelW: 3,
            options: { padding, strideW, fusedActivation },
            bias,
          };
          assertConvTwins(c, 2, random, `${fusedActivation} ${padding} s${strideW} bias ${bias}`);
        }
      }
    }
  }
});

test('two-dimensional windows: kernel rows, strides and dilations along both axes', () => {
  const random = new Random(13);
  // Filter counts in partial and whole blocks of eight, an activation on two of the windows.
  const filters = [7, 9, 5, 16];
  const activations = ['NONE', 'RELU6', 'NONE', 'TANH'] as const;
  const cases: ConvCase[] = TWO_D_WINDOWS.map((w, i) => ({
    ...w,
    filters: filters[i],
    options: { ...w.options, fusedActivation: activations[i] },
  }));
  cases.push({
    height: 1,
    width: 10,
    channels: 3,
    filters: 4,
    kernelH: 1,
    kernelW: 3,
    options: { padding: 'SAME', strideW: 3, dilationW: 2 },
  });
  cases.forEach((c, index) => assertConvTwins(c, 1 + (index % 2) * 2, random, `2-D case ${index}`));
});

test('a one-dimensional convolution equals the TypeScript kernel bit for bit (double sums in its order)', () => {
  const random = new Random(14);
  const graph = randomConv(
    { height: 1, width: 13, channels: 17, filters: 33, kernelH: 1, kernelW: 5, options: { padding: 'SAME' } },
    random,
  );
  const x = Float32Array.from({ length: 13 * 17 }, () => random.normal());
  const [typescript, webassembly] = runBoth(graph, x);
  assert.deepEqual(webassembly, typescript);
});

test('the whole cnn1d-small float graph matches the TypeScript kernels, convolutions, pools, mean and dense on WebAssembly', () => {
  const steps = 24;
  const channels = 3;
  const classes = ['a', 'b', 'c'];
  const layers = presetSettings('cnn1d-small', { steps, channels, classes: classes.length }).layers;
  const graph = lowerModel(untrainedModel(layers, steps, channels, 'multiclass', classes).model);
  for (const batch of [1, 4]) {
    const x = randomInputs(batch * steps * channels, 3 + batch);
    assertTwins(
      graph,
      { inputs: [x], options: { batch } },
      ['CONV_2D', 'MAX_POOL_2D', 'MEAN', 'FULLY_CONNECTED'],
      `cnn1d-small batch ${batch}`,
    );
  }
});

test('a filter holding a non-finite value runs on the TypeScript kernel', () => {
  const c = {
    height: 1,
    width: 4,
    channels: 1,
    filters: 2,
    kernelH: 1,
    kernelW: 3,
    options: { padding: 'SAME' as const },
  };
  const graph = convGraph(c, [1, 2, 3, 4, Infinity, 6], [0, 0]);
  const interpreter = new Interpreter(graph);
  assert.deepEqual(interpreter.kernelImplementations(), ['typescript']);
  // The edge column skips the padding tap: filter 1 at x0 = 0·4 + 1·Infinity + 2·6 -> Infinity, not NaN.
  interpreter.input(0).set([1, 2, 3, 4]);
  interpreter.invoke();
  assert.equal(interpreter.output(0)[1], Infinity);
});

test('NaN and infinite inputs give the TypeScript kernel outputs exactly, through every activation', () => {
  const random = new Random(15);
  const x = Float32Array.from({ length: 9 * 3 }, () => random.normal());
  x[4] = NaN;
  x[13] = Infinity;
  x[20] = -Infinity;
  for (const fusedActivation of ACTIVATIONS) {
    const c = {
      height: 1,
      width: 9,
      channels: 3,
      filters: 6,
      kernelH: 1,
      kernelW: 3,
      options: { padding: 'SAME' as const, fusedActivation },
    };
    const [typescript, webassembly] = runBoth(randomConv(c, random), x);
    assert.deepEqual(webassembly, typescript, fusedActivation);
  }
});
