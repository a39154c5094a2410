/**
 * Dynamic-range (hybrid) quantization: the kernels' integer arithmetic on hand cases whose
 * scales make every step exact, float references computed here within the error bound of
 * symmetric int8 rounding, and the graph pass on the presets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph, OpDef, TensorDef } from '../../src/graph/types.js';
import { dynamicRangeGraph } from '../../src/quant/weight-only/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { Random } from '../../src/util/random.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { convOptions } from '../runtime/conv-fixtures.js';

const CONV_OPTIONS = convOptions();

function run(graph: Graph, batch: number, input: readonly number[]): number[] {
  const interpreter = new Interpreter(graph, { batch });
  interpreter.input().set(input);
  interpreter.invoke();
  return Array.from(interpreter.output());
}

/** A one-op graph: float input, int8 weights (per-channel scales along `axis`), float bias. */
function hybridGraph(
  type: 'FULLY_CONNECTED' | 'CONV_2D' | 'DEPTHWISE_CONV_2D',
  shapes: { input: number[]; weights: number[]; output: number[] },
  weights: number[],
  scales: number[],
  bias: number[],
): Graph {
  const b = new GraphBuilder();
  const x = b.input(shapes.input);
  const axis = type === 'DEPTHWISE_CONV_2D' ? 3 : 0;
  const w = b.tensor(shapes.weights, 'int8', {
    data: Int8Array.from(weights),
    quantization: { scale: scales, zeroPoint: scales.map(() => 0), axis },
  });
  const bz = b.floats([bias.length], bias);
  const y = b.tensor(shapes.output);
  const inputs = [x, w, bz];
  const op: OpDef =
    type === 'FULLY_CONNECTED'
      ? { type, inputs, outputs: [y], options: { fusedActivation: 'NONE', keepNumDims: false } }
      : type === 'CONV_2D'
        ? { type, inputs, outputs: [y], options: CONV_OPTIONS }
        : { type, inputs, outputs: [y], options: { ...CONV_OPTIONS, depthMultiplier: 2 } };
  b.op(op);
  b.outputs.push(y);
  return b.build();
}

test('hybrid FULLY_CONNECTED: rows quantized on the fly (half away from zero), int32 dot, scaled by row x channel scale', () => {
  // Scales 1, 0.5, 2; channel 0 reads q1, channel 1 reads q2, channel 2 reads q0 + q3.
  const graph = hybridGraph(
    'FULLY_CONNECTED',
    { input: [1, 4], weights: [3, 4], output: [1, 3] },
    [0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1],
    [1, 0.5, 2],
    [0.25, -1, 0],
  );
  // Row 0: range 127, so factor 1 and q = round(x) = [127, 3, -3, 1] (2.5 -> 3, -2.5 -> -3, 0.5 -> 1).
  // Row 1: range 1.2, q = round(x x 127 / 1.2) = [127, -53 (-52.92), 26 (26.46), 0].
  const out = run(graph, 2, [127, 2.5, -2.5, 0.5, 1.2, -0.5, 0.25, 0]);
  assert.deepEqual(out.slice(0, 3), [0.25 + 3 * 1, -1 + -3 * 0.5, 0 + 128 * 2]);
  const factor = Math.fround(1.2) / 127;
  const [a, b, c] = out.slice(3);
  assert.equal(Math.round((a! - 0.25) / factor), -53);
  assert.equal(Math.round((b! + 1) / (factor * 0.5)), 26);
  assert.equal(Math.round(c! / (factor * 2)), 127);
  assert.ok(Math.abs(a! - (0.25 - 53 * factor)) < 1e-6);
  assert.ok(Math.abs(b! - (-1 + 26 * factor * 0.5)) < 1e-6);
  assert.ok(Math.abs(c! - 127 * factor * 2) < 1e-5);
});

test('hybrid CONV_2D: each batch sample quantized with its own factor', () => {
  // Input [1, 1, 3, 2], filters [2, 1, 2, 2] (VALID, width 2) -> output [1, 1, 2, 2].
  const graph = hybridGraph(
    'CONV_2D',
    { input: [1, 1, 3, 2], weights: [2, 1, 2, 2], output: [1, 1, 2, 2] },
    [1, 0, 0, 1, 0, 2, -1, 0],
    [0.5, 1],
    [1, 0],
  );
  // Sample 0: range 127, q = [127, 1, 2, -3, 1 (0.5), 4]. Filter 0 = tap0 ch0 + tap1 ch1,
  // filter 1 = 2 tap0 ch1 - tap1 ch0:
  //   x 0: 127 - 3 = 124 -> 124 x 0.5 + 1 = 63;  2 - 2 = 0 -> 0
  //   x 1: 2 + 4 = 6 -> 6 x 0.5 + 1 = 4;         -6 - 1 = -7 -> -7
  // Sample 1 is sample 0 halved: range 63.5, factor 0.5, the same q; results scale by 0.5 before the bias.
  const sample = [127, 1, 2, -3, 0.5, 4];
  const out = run(graph, 2, [...sample, ...sample.map((v) => v / 2)]);
  assert.deepEqual(out, [63, 0, 4, -7, 124 * 0.25 + 1, 0, 6 * 0.25 + 1, -3.5]);
});

test('hybrid DEPTHWISE_CONV_2D: output channel c x multiplier + m reads input channel c', () => {
  // Input [1, 1, 2, 2], filter [1, 1, 2, 4] (multiplier 2) -> output [1, 1, 1, 4].
  const graph = hybridGraph(
    'DEPTHWISE_CONV_2D',
    { input: [1, 1, 2, 2], weights: [1, 1, 2, 4], output: [1, 1, 1, 4] },
    [1, 0, 2, -1, 0, 1, 1, 1],
    [1, 1, 0.5, 2],
    [0, 0, 0, 0.5],
  );
  // q = x (range 127). oc0: 127; oc1: 3; oc2: -2 x 2 + 10 = 6 -> x 0.5 = 3; oc3: 2 + 10 = 12 -> x 2 + 0.5 = 24.5.
  assert.deepEqual(run(graph, 1, [127, -2, 3, 10]), [127, 3, 3, 24.5]);
});

/**
 * |Σ w x - Σ ŵ x̂| <= Σ_k |w_k| |x_k - x̂_k| + |x̂_k| |w_k - ŵ_k| <= Σ_k |w_k| s_x / 2 + (|x_k| + s_x / 2) s_w / 2
 * with s_x = max|x_row| / 127 and s_w = max|w_channel| / 127 (rounding to nearest), plus float32 slack.
 */
function hybridBound(w: ArrayLike<number>, x: ArrayLike<number>, sx: number, sw: number): number {
  let bound = 0;
  for (let k = 0; k < w.length; k++)
    bound += (Math.abs(w[k]!) * sx) / 2 + ((Math.abs(x[k]!) + sx / 2) * sw) / 2;
  return bound * 1.0001 + 1e-6;
}

const maxAbs = (values: ArrayLike<number>) => Math.max(...Array.from(values, Math.abs));

test('dynamicRangeGraph FULLY_CONNECTED stays within the int8 rounding bound of the float reference', () => {
  const random = new Random(3);
  const [units, depth, batch] = [6, 20, 3];
  const weights = Float32Array.from(
    { length: units * depth },
    () => random.normal(0, 1) * (1 + random.int(4)),
  );
  const bias = Float32Array.from({ length: units }, () => random.uniform(-1, 1));
  const b = new GraphBuilder();
  const x = b.input([1, depth]);
  const y = b.tensor([1, units]);
  b.op({
    type: 'FULLY_CONNECTED',
    inputs: [x, b.constant([units, depth], weights), b.constant([units], bias)],
    outputs: [y],
    options: { fusedActivation: 'NONE', keepNumDims: false },
  });
  b.outputs.push(y);
  const hybrid = dynamicRangeGraph(b.build());
  const filter = hybrid.tensors.find((tensor) => tensor.data instanceof Int8Array)!;
  assert.equal(filter.quantization!.scale.length, units);
  const input = Array.from({ length: batch * depth }, () => random.normal(0, 2));
  const out = run(hybrid, batch, input);
  for (let r = 0; r < batch; r++) {
    const row = input.slice(r * depth, (r + 1) * depth);
    for (let o = 0; o < units; o++) {
      const w = weights.subarray(o * depth, (o + 1) * depth);
      let expected = bias[o]!;
      for (let k = 0; k < depth; k++) expected += w[k]! * row[k]!;
      const bound = hybridBound(w, row, maxAbs(row) / 127, maxAbs(w) / 127);
      const error = Math.abs(out[r * units + o]! - expected);
      assert.ok(error <= bound, `row ${r} unit ${o}: error ${error} > bound ${bound}`);
    }
  }
});

test('dynamicRangeGraph CONV_2D and DEPTHWISE_CONV_2D stay within the bound of a direct float convolution', () => {
  const random = new Random(4);
  const [width, channels, kernel, filters, batch] = [9, 3, 3, 4, 2];
  const outWidth = width - kernel + 1;
  for (const depthwise of [false, true]) {
    const outChannels = depthwise ? channels * 2 : filters;
    const filterShape = depthwise ? [1, 1, kernel, outChannels] : [filters, 1, kernel, channels];
    const weights = Float32Array.from({ length: kernel * channels * (depthwise ? 2 : filters) }, () =>
      random.normal(0, 1),
    );
    const bias = Float32Array.from({ length: outChannels }, () => random.uniform(-1, 1));
    const b = new GraphBuilder();
    const x = b.input([1, 1, width, channels]);
    const y = b.tensor([1, 1, outWidth, outChannels]);
    const inputs = [x, b.constant(filterShape, weights), b.constant([outChannels], bias)];
    b.op(
      depthwise
        ? {
            type: 'DEPTHWISE_CONV_2D',
            inputs,
            outputs: [y],
            options: { ...CONV_OPTIONS, depthMultiplier: 2 },
          }
        : { type: 'CONV_2D', inputs, outputs: [y], options: CONV_OPTIONS },
    );
    b.outputs.push(y);
    const input = Array.from({ length: batch * width * channels }, () => random.normal(0, 1.5));
    const out = run(dynamicRangeGraph(b.build()), batch, input);
    for (let s = 0; s < batch; s++) {
      const sample = input.slice(s * width * channels, (s + 1) * width * channels);
      for (let ox = 0; ox < outWidth; ox++) {
        for (let o = 0; o < outChannels; o++) {
          // The taps this output reads: filter values and the input values they multiply.
          const w: number[] = [];
          const v: number[] = [];
          for (let kx = 0; kx < kernel; kx++) {
            if (depthwise) {
              w.push(weights[kx * outChannels + o]!);
              v.push(sample[(ox + kx) * channels + Math.floor(o / 2)]!);
            } else {
              for (let c = 0; c < channels; c++) {
                w.push(weights[(o * kernel + kx) * channels + c]!);
                v.push(sample[(ox + kx) * channels + c]!);
              }
            }
          }
          const channelWeights = depthwise
            ? Array.from({ length: kernel }, (_, kx) => weights[kx * outChannels + o]!)
            : Array.from(weights.subarray(o * kernel * channels, (o + 1) * kernel * channels));
          const expected = bias[o]! + w.reduce((sum, wk, k) => sum + wk * v[k]!, 0);
          const bound = hybridBound(w, v, maxAbs(sample) / 127, maxAbs(channelWeights) / 127);
          const error = Math.abs(out[(s * outWidth + ox) * outChannels + o]! - expected);
          assert.ok(
            error <= bound,
            `${depthwise ? 'depthwise' : 'conv'} ${s}/${ox}/${o}: ${error} > ${bound}`,
          );
        }
      }
    }
  }
});

function floatOutputs(graph: Graph, input: Float32Array, batch: number): Float32Array {
  const interpreter = new Interpreter(graph, { batch });
  interpreter.input().set(input);
  interpreter.invoke();
  return Float32Array.from(interpreter.output());
}

test('dynamicRangeGraph on the presets: int8 weights per channel (LSTM per tensor), outputs near float', () => {
  for (const preset of ['cnn1d-small', 'mlp', 'lstm-tutorial', 'gru-small'] as const) {
    const float = lowerModel(presetModel(preset, 16, 3, 3).model);
    const hybrid = dynamicRangeGraph(float);
    const weightTensors = (op: OpDef): TensorDef[] => [hybrid.tensors[op.inputs[1]!]!];
    for (const op of hybrid.ops) {
      if (['FULLY_CONNECTED', 'CONV_2D', 'DEPTHWISE_CONV_2D'].includes(op.type)) {
        for (const w of weightTensors(op)) {
          assert.equal(w.dtype, 'int8', `${preset} ${op.type}`);
          assert.equal(w.quantization!.scale.length, w.shape[w.quantization!.axis!]);
          assert.ok(Array.from(w.data!).every((q) => q >= -127 && q <= 127));
        }
      }
      if (op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM') {
        for (const position of [1, 2, 3, 4, 5, 6, 7, 8]) {
          const w: TensorDef = hybrid.tensors[op.inputs[position]!]!;
          assert.equal(w.dtype, 'int8', 'LSTM weights');
          assert.equal(w.quantization!.scale.length, 1, 'one scale per LSTM weight tensor');
        }
        for (const position of [12, 13, 14, 15]) {
          assert.equal(hybrid.tensors[op.inputs[position]!]!.dtype, 'float32', 'LSTM biases stay float');
        }
      }
    }
    assert.ok(!hybrid.ops.some((op) => op.type === 'GRU'), 'GRUs are unrolled');
    const input = randomInputs(2 * 48, 9);
    const expected = floatOutputs(float, input, 2);
    const actual = floatOutputs(hybrid, input, 2);
    expected.forEach((value, i) =>
      assert.ok(Math.abs(value - actual[i]!) < 0.03, `${preset} output ${i}: ${value} vs ${actual[i]}`),
    );
  }
});

test('the .tflite writer refuses a dynamic-range graph, naming the op and full-integer int8 as the way out', () => {
  const hybrid = dynamicRangeGraph(lowerModel(presetModel('mlp', 8, 2, 2).model));
  assert.throws(
    () => writeTflite(hybrid, { source: 'hybrid.efg' }),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      /^hybrid\.efg: op \d+ FULLY_CONNECTED: .*dynamic-range.*Use full-integer int8 quantization/.test(
        error.oneLine(),
      ),
  );
});

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

test('hybrid LSTM with one unit and one input: each row quantizes exactly (q = ±127), so it is the textbook LSTM', () => {
  // Gate order i, f, c, o; W, U and b per gate.
  const W = [0.5, -0.8, 1.2, 0.3];
  const U = [-0.4, 0.9, 0.7, -1.1];
  const bias = [0.1, 0.2, -0.3, 0.05];
  const steps = 5;
  const b = new GraphBuilder();
  const x = b.input([1, steps, 1]);
  const inputs = new Array<number>(24).fill(-1);
  inputs[0] = x;
  for (let g = 0; g < 4; g++) {
    inputs[1 + g] = b.floats([1, 1], [W[g]!]);
    inputs[5 + g] = b.floats([1, 1], [U[g]!]);
    inputs[12 + g] = b.floats([1], [bias[g]!]);
  }
  inputs[18] = b.variable([1, 1]);
  inputs[19] = b.variable([1, 1]);
  const y = b.tensor([1, steps, 1]);
  b.op({
    type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    inputs,
    outputs: [y],
    options: { fusedActivation: 'TANH', cellClip: 0, projClip: 0, timeMajor: false },
  });
  b.outputs.push(y);
  const hybrid = dynamicRangeGraph(b.build());
  assert.equal(hybrid.tensors[inputs[1]!]!.dtype, 'int8');
  const sequence = [0.7, -1.3, 0.2, 2.1, -0.4];
  const out = run(hybrid, 1, sequence);
  let h = 0;
  let c = 0;
  sequence.forEach((value, t) => {
    const gate = (g: number) => W[g]! * value + U[g]! * h + bias[g]!;
    c = sigmoid(gate(1)) * c + sigmoid(gate(0)) * Math.tanh(gate(2));
    h = sigmoid(gate(3)) * Math.tanh(c);
    assert.ok(Math.abs(out[t]! - h) < 1e-5, `step ${t}: ${out[t]} vs ${h}`);
  });
});
