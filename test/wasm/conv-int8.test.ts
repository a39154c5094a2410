/**
 * The int8 WebAssembly kernels (CONV_2D, FULLY_CONNECTED) against their specification, the
 * TypeScript int8 kernels, bit for bit: hand-computed fixtures, odd sizes over every option,
 * the whole cnn1d-small int8 graph, and the real TFLite Micro references that contain them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Conv2DOptions, FusedActivation, Graph, Padding, Quantization } from '../../src/graph/types.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { Interpreter } from '../../src/runtime/index.js';
import { CONV_INT8 } from '../../src/runtime/wasm/conv-int8.js';
import { wasmKernelsAvailable } from '../../src/runtime/wasm/kernel-module.js';
import { Random } from '../../src/util/random.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { q, QuantGraph } from '../quant/int8-graph.js';
import { loadReferenceCases } from '../tflite/reference-cases.js';
import {
  PER_CHANNEL_CONV_EXPECTED,
  PER_CHANNEL_CONV_INPUT,
  perChannelConvGraph,
} from '../quant/conv-int8-fixture.js';
import { assertTwins } from './twins.js';
import { convOptions, int8Values, convOutputSize, type ConvShape } from '../runtime/conv-fixtures.js';

const ACTIVATIONS: FusedActivation[] = ['NONE', 'RELU', 'RELU6'];

/** A uniform integer in [low, high). */
function between(random: Random, low: number, high: number): number {
  return low + random.int(high - low);
}

interface ConvCase extends ConvShape {
  options: Conv2DOptions;
  perChannel: boolean;
  /** Output scale relative to the typical accumulator: small values push multipliers above 1. */
  gain: number;
}

function convGraph(c: ConvCase, random: Random): Graph | undefined {
  const { options } = c;
  const { outH, outW } = convOutputSize(c, options);
  if (outH < 1 || outW < 1) return undefined;
  const g = new QuantGraph();
  const inputScale = 0.05;
  const input = g.input([1, c.height, c.width, c.channels], q(inputScale, between(random, -30, 31)));
  const taps = c.kernelH * c.kernelW * c.channels;
  const scales = Array.from({ length: c.perChannel ? c.filters : 1 }, () => random.uniform(0.002, 0.02));
  const filterQuant: Quantization = c.perChannel
    ? { scale: scales, zeroPoint: scales.map(() => 0), axis: 0 }
    : q(scales[0]);
  const filter = g.int8(
    [c.filters, c.kernelH, c.kernelW, c.channels],
    Array.from(int8Values(random, c.filters * taps)),
    filterQuant,
  );
  const bias = g.int32(
    [c.filters],
    Array.from({ length: c.filters }, () => between(random, -3000, 3000)),
  );
  const outputScale = inputScale * 0.01 * 70 * 70 * Math.sqrt(taps) * c.gain;
  const out = g.tensor([1, outH, outW, c.filters], q(outputScale, between(random, -20, 21)));
  g.op({ type: 'CONV_2D', inputs: [input, filter, bias], outputs: [out], options });
  return g.output(out).build();
}

test('this Node has WebAssembly SIMD, so the int8 kernels are on', () => {
  assert.equal(wasmKernelsAvailable(CONV_INT8), true);
});

test('CONV_2D hand-computed: per channel, VALID and SAME, on WebAssembly', () => {
  for (const padding of ['VALID', 'SAME'] as const) {
    const interpreter = new Interpreter(perChannelConvGraph(padding));
    assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
    interpreter.inputData(0).set(PER_CHANNEL_CONV_INPUT);
    interpreter.invoke();
    assert.deepEqual(Array.from(interpreter.outputData(0)), PER_CHANNEL_CONV_EXPECTED[padding]);
  }
});

test('FULLY_CONNECTED hand-computed: double rounding and the weights zero point, on WebAssembly', () => {
  const g = new QuantGraph();
  // x scale 0.5 zero point 2; weights scale 0.5 zero point 1 (per tensor); output scale 1:
  // multiplier 0.25. Unit 0: (5-1)(3-2) + (-1-1)(6-2) = -4, + bias 9 = 5 -> 1.25 -> 1 (one rounding),
  // but 5 · 2^30 / 2^31 = 2.5 -> 3, / 2 = 1.5 -> 2 (TFLite's two roundings). Unit 1: (2-1)(1) + (3-1)(4)
  // = 9, - 1 = 8 -> 2. Unit 2, a negative tie: (-1-1)(1) + (0-1)(4) = -6 -> ⌊-5 / 2⌋ = -3, / 2 = -1.5,
  // half away from zero -> -2.
  const input = g.input([1, 2], q(0.5, 2));
  const weights = g.int8([3, 2], [5, -1, 2, 3, -1, 0], q(0.5, 1));
  const bias = g.int32([3], [9, -1, 0]);
  const out = g.tensor([1, 3], q(1));
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [input, weights, bias],
    outputs: [out],
    options: { fusedActivation: 'NONE', keepNumDims: false },
  });
  const interpreter = new Interpreter(g.output(out).build());
  assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
  interpreter.inputData(0).set([3, 6]);
  interpreter.invoke();
  assert.deepEqual(Array.from(interpreter.outputData(0)), [2, 2, -2]);
});

test('CONV_2D equals the TypeScript kernel over odd sizes, padding, stride, batch and activations', () => {
  const random = new Random(11);
  let index = 0;
  for (const channels of [1, 3, 5, 17]) {
    for (const filters of [1, 7, 16, 33]) {
      for (const width of [1, 3, 5]) {
        const padding: Padding = index % 2 === 0 ? 'SAME' : 'VALID';
        const stride = 1 + (Math.floor(index / 2) % 2);
        const kernelW = [1, 3, 5][index % 3];
        const options = convOptions({
          padding,
          strideW: stride,
          fusedActivation: ACTIVATIONS[index % 3 === 0 ? 0 : Math.floor(index / 3) % 3],
        });
        const c: ConvCase = {
          height: 1,
          width,
          channels,
          filters,
          kernelH: 1,
          kernelW,
          options,
          perChannel: index % 4 !== 1,
          gain: index % 5 === 0 ? 0.00002 : 1,
        };
        index++;
        const graph = convGraph(c, random);
        if (graph === undefined) continue;
        const batch = 1 + 2 * (index % 2);
        const x = int8Values(random, batch * width * channels);
        assertTwins(graph, { inputs: [x], options: { batch } }, ['CONV_2D'], JSON.stringify(c));
      }
    }
  }
});

test('CONV_2D in two dimensions: kernel rows, row and column dilation, stride 2 both ways', () => {
  const random = new Random(12);
  for (const [dilationH, dilationW, strideH, strideW, padding] of [
    [1, 1, 1, 1, 'SAME'],
    [2, 1, 2, 1, 'SAME'],
    [1, 2, 1, 2, 'VALID'],
    [2, 3, 2, 2, 'SAME'],
  ] as const) {
    const options = convOptions({ padding, strideH, strideW, dilationH, dilationW, fusedActivation: 'RELU' });
    const c: ConvCase = {
      height: 7,
      width: 9,
      channels: 3,
      filters: 9,
      kernelH: 3,
      kernelW: 2,
      options,
      perChannel: true,
      gain: 1,
    };
    const graph = convGraph(c, random);
    assert.ok(graph !== undefined);
    const x = int8Values(random, 2 * 7 * 9 * 3);
    assertTwins(
      graph,
      { inputs: [x], options: { batch: 2 }, invocations: 3 },
      ['CONV_2D'],
      JSON.stringify(c),
    );
  }
});

test('FULLY_CONNECTED equals the TypeScript kernel: odd widths, zero points, per channel, batch', () => {
  const random = new Random(13);
  let index = 0;
  for (const depth of [1, 3, 5, 17, 64]) {
    for (const units of [1, 7, 16, 33]) {
      const perChannel = index % 2 === 0;
      const scales = Array.from({ length: perChannel ? units : 1 }, () => random.uniform(0.002, 0.02));
      const g = new QuantGraph();
      const input = g.input([1, depth], q(0.05, between(random, -30, 31)));
      const weights = g.int8(
        [units, depth],
        Array.from(int8Values(random, units * depth)),
        perChannel
          ? { scale: scales, zeroPoint: scales.map(() => 0), axis: 0 }
          : q(scales[0], between(random, -5, 6)),
      );
      const bias =
        index % 3 === 2
          ? -1
          : g.int32(
              [units],
              Array.from({ length: units }, () => between(random, -3000, 3000)),
            );
      const out = g.tensor([1, units], q(0.05 * 0.01 * 4900 * Math.sqrt(depth), between(random, -20, 21)));
      const fusedActivation = ACTIVATIONS[index % 3];
      g.op({
        type: 'FULLY_CONNECTED',
        inputs: [input, weights, bias],
        outputs: [out],
        options: { fusedActivation, keepNumDims: false },
      });
      const batch = 1 + 2 * (index % 2);
      const x = int8Values(random, batch * depth);
      index++;
      assertTwins(
        g.output(out).build(),
        { inputs: [x], options: { batch } },
        ['FULLY_CONNECTED'],
        `${units}x${depth}`,
      );
    }
  }
});

test('the output stage at the int32 extremes: large biases, power-of-two ties, left and right shifts', () => {
  // Depth 1, weight 1, input zero point 0: unit c's accumulator is bias[c] + x, its multiplier the
  // filter scale (input and output scales 1, output zero point 7). Each bias puts the result near ±100 (or at the int32
  // ends), and 256 rows of x step across ties of the power-of-two scales.
  const ratios = [
    0.5,
    2 ** -3,
    2 ** -8,
    2 ** -16,
    2 ** -24,
    2 ** -30,
    0.7 * 2 ** -20,
    0.3,
    1.9,
    37,
    2 ** -12,
    0.999,
    1.999,
    1.999,
  ];
  // The last two land just below and just above 2^31 after the left shift: the first must clamp
  // to 127 with the zero point added (no int32 wrap), the second wraps in the shift as TFLite's does.
  const targets = [100, -100, 90, -90, 120, -120, 64, -64, -126, 127, 3, -3, 2 ** 31 - 300, 2 ** 31 + 300];
  const biases = ratios.map((ratio, c) =>
    Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.round(targets[c] / ratio))),
  );
  const g = new QuantGraph();
  const input = g.input([1, 1], q(1));
  const weights = g.int8(
    [ratios.length, 1],
    ratios.map(() => 1),
    {
      scale: ratios,
      zeroPoint: ratios.map(() => 0),
      axis: 0,
    },
  );
  const bias = g.int32([ratios.length], biases);
  const out = g.tensor([1, ratios.length], q(1, 7));
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [input, weights, bias],
    outputs: [out],
    options: { fusedActivation: 'NONE', keepNumDims: false },
  });
  const x = Int8Array.from({ length: 256 }, (_, i) => i - 128);
  assertTwins(
    g.output(out).build(),
    { inputs: [x], options: { batch: 256 } },
    ['FULLY_CONNECTED'],
    'extremes',
  );
});

test('the output zero point added to a result next to the int32 ends saturates, never wraps', () => {
  // Scales (1 + 2^-15)·(1 - 2^-16) / (1 + 2^-16) = 1 - 2^-31 + 2^-47 (all float32, their product
  // in double): multiplier 2^31 - 1, shift 0, so the scaled accumulator stays next to ±2^31 and
  // the zero point pushes it past: 127 above, -128 below.
  for (const [bias, zeroPoint, expected] of [
    [2 ** 31 - 200, 127, 127],
    [-(2 ** 31) + 200, -128, -128],
  ]) {
    const g = new QuantGraph();
    const input = g.input([1, 1, 1, 1], q(1 + 2 ** -15));
    const filter = g.int8([1, 1, 1, 1], [1], { scale: [1 - 2 ** -16], zeroPoint: [0], axis: 0 });
    const biasTensor = g.int32([1], [bias]);
    const out = g.tensor([1, 1, 1, 1], q(1 + 2 ** -16, zeroPoint));
    const options = convOptions();
    g.op({ type: 'CONV_2D', inputs: [input, filter, biasTensor], outputs: [out], options });
    const graph = g.output(out).build();
    const x = Int8Array.from({ length: 256 }, (_, i) => i - 128);
    assertTwins(graph, { inputs: [x], options: { batch: 256 } }, ['CONV_2D'], `bias ${bias}`);
    const interpreter = new Interpreter(graph);
    interpreter.inputData(0).set([bias > 0 ? 127 : -128]);
    interpreter.invoke();
    assert.equal(interpreter.outputData(0)[0], expected);
  }
});

function cnn1dInt8(perChannel: boolean): Graph {
  const steps = 64;
  const { model } = presetModel('cnn1d-small', steps, 3, 4);
  const float = lowerModel(model, 'cnn1d-small');
  const ranges = calibrate(float, randomInputs(32 * steps * 3, 3), 32, { method: 'minmax' });
  return quantizeGraph(float, ranges, { io: 'int8', perChannel });
}

test('the whole cnn1d-small int8 graph (per channel and per tensor) equals the TypeScript kernels, pools and mean included', () => {
  const random = new Random(14);
  for (const perChannel of [true, false]) {
    const graph = cnn1dInt8(perChannel);
    for (const batch of [1, 3]) {
      const x = int8Values(random, batch * 64 * 3);
      assertTwins(
        graph,
        { inputs: [x], options: { batch } },
        ['CONV_2D', 'FULLY_CONNECTED', 'MAX_POOL_2D', 'MEAN'],
        `per channel ${perChannel}`,
      );
    }
  }
});

test("the TFLite Micro references with FULLY_CONNECTED and DEPTHWISE_CONV_2D give TensorFlow Lite Micro's bytes on WebAssembly", () => {
  const cases = loadReferenceCases().filter(
    (c) => c.inputTensor.dtype === 'int8' && c.ops.includes('FULLY_CONNECTED'),
  );
  const models = [...new Set(cases.map((c) => c.model))].sort();
  assert.deepEqual(models, [
    'hello_world_int8.tflite',
    'micro_speech_quantized.tflite',
    'trained_lstm_int8.tflite',
  ]);
  for (const model of models) {
    const modelCases = cases.filter((c) => c.model === model);
    const graph = readTflite(readFileSync(modelCases[0].modelPath), model);
    const interpreter = new Interpreter(graph);
    const implementations = interpreter.kernelImplementations();
    graph.ops.forEach((op, i) => {
      if (op.type === 'FULLY_CONNECTED' || op.type === 'DEPTHWISE_CONV_2D')
        assert.equal(implementations[i], 'webassembly', `${model} op ${i}`);
    });
    for (const c of modelCases) {
      interpreter.resetState();
      interpreter.inputData(0).set(c.input);
      interpreter.invoke();
      assert.deepEqual(Array.from(interpreter.outputData(0)), Array.from(c.expected), `${model} ${c.name}`);
    }
  }
});
