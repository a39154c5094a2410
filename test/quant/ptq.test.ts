import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph, OpDef, TensorDef } from '../../src/graph/types.js';
import { calibrate, type ActivationRanges } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import type { PresetName } from '../../src/train/presets.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { presetModel, randomInputs, untrainedModel } from '../graph/model-fixtures.js';
import { runGraph } from './int8-graph.js';

const STEPS = 16;
const CHANNELS = 3;
const WINDOW = STEPS * CHANNELS;
const CALIBRATION_WINDOWS = 100;

const testInputs = Array.from({ length: 20 }, (_, i) => randomInputs(WINDOW, 500 + i));

interface Prepared {
  float: Graph;
  ranges: ActivationRanges;
}

const preparedCache = new Map<string, Prepared>();

/** The float graph of a preset and its calibration (computed once per preset and class count). */
function prepare(preset: PresetName, classes: number): Prepared {
  const key = `${preset} ${classes}`;
  const cached = preparedCache.get(key);
  if (cached !== undefined) return cached;
  const prepared = calibrated(preset, classes);
  preparedCache.set(key, prepared);
  return prepared;
}

function calibrated(preset: PresetName, classes: number): Prepared {
  const float = lowerModel(presetModel(preset, STEPS, CHANNELS, classes).model);
  // The representative set covers the test windows, so errors measure rounding, not saturation.
  const samples = randomInputs(CALIBRATION_WINDOWS * WINDOW, 11);
  testInputs.forEach((x, i) => samples.set(x, i * WINDOW));
  return { float, ranges: calibrate(float, samples, CALIBRATION_WINDOWS, { method: 'minmax' }) };
}

function floatOutputs(graph: Graph, inputs: Float32Array[]): number[][] {
  const interpreter = new Interpreter(graph);
  return inputs.map((x) => {
    interpreter.input().set(x);
    interpreter.invoke();
    return Array.from(interpreter.output());
  });
}

function outputParams(graph: Graph, op: OpDef): { scale: number; zeroPoint: number } {
  const quantization = graph.tensors[op.outputs[0]].quantization!;
  return { scale: quantization.scale[0], zeroPoint: quantization.zeroPoint[0] };
}

/** The int8 graph's dequantized outputs stay within `steps` output quantization steps of the float graph's. */
function assertCloseToFloat(prepared: Prepared, quantized: Graph, steps: number, label: string): void {
  const expected = floatOutputs(prepared.float, testInputs);
  const lastInt8 = quantized.ops.at(-1)!.inputs[0];
  const step = quantized.tensors[lastInt8].quantization!.scale[0];
  let worst = 0;
  testInputs.forEach((x, k) => {
    const actual = runGraph(quantized, [Array.from(x)])[0];
    actual.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - expected[k][i]))));
  });
  assert.ok(worst <= steps * step, `${label}: worst error ${worst} is over ${steps} steps of ${step}`);
}

const CASES: [PresetName, number][] = [
  ['cnn1d-small', 2],
  ['cnn1d-small', 3],
  ['mlp', 2],
  ['mlp', 4],
  ['autoencoder', 2],
  ['autoencoder-conv', 2],
];

test('every quantizable preset in int8 stays within 3 output steps of its float graph', () => {
  for (const [preset, classes] of CASES) {
    const prepared = prepare(preset, classes);
    const quantized = quantizeGraph(prepared.float, prepared.ranges, { io: 'float' });
    assert.equal(quantized.ops[0].type, 'QUANTIZE');
    assert.equal(quantized.ops.at(-1)!.type, 'DEQUANTIZE');
    assertCloseToFloat(prepared, quantized, 3, `${preset} ${classes} classes`);
    const perTensor = quantizeGraph(prepared.float, prepared.ranges, { io: 'float', perChannel: false });
    assertCloseToFloat(prepared, perTensor, 4, `${preset} ${classes} classes, per-tensor weights`);
    // The float graph is left as it was.
    assert.ok(prepared.float.tensors.every((t) => t.dtype === 'float32' || t.dtype === 'int32'));
    assert.ok(prepared.float.tensors.every((t) => t.quantization === undefined));
  }
});

function tensorOf(graph: Graph, tensor: number): TensorDef {
  return graph.tensors[tensor];
}

test('produced tensors follow the TFLite 8-bit spec', () => {
  for (const [preset, classes] of CASES) {
    const { float, ranges } = prepare(preset, classes);
    const quantized = quantizeGraph(float, ranges, { io: 'int8' });
    quantized.ops.forEach((op, index) => {
      const label = `${preset} op ${index} ${op.type}`;
      const output = outputParams(quantized, op);
      switch (op.type) {
        case 'FULLY_CONNECTED':
        case 'CONV_2D':
        case 'DEPTHWISE_CONV_2D': {
          const [input, filter, bias] = op.inputs;
          const weights = tensorOf(quantized, filter);
          const floatWeights = tensorOf(float, filter).data as Float32Array;
          assert.equal(weights.dtype, 'int8', label);
          const { scale, zeroPoint, axis } = weights.quantization!;
          assert.equal(axis, op.type === 'DEPTHWISE_CONV_2D' ? 3 : 0, label);
          assert.ok(
            zeroPoint.every((z) => z === 0),
            label,
          );
          assert.ok(
            (weights.data as Int8Array).every((w) => w >= -127 && w <= 127),
            label,
          );
          // Per output channel (axis 0): max |w| / 127.
          const channels = weights.shape[0];
          const inner = floatWeights.length / channels;
          for (let c = 0; c < channels; c++) {
            const maxAbs = Math.max(...floatWeights.subarray(c * inner, (c + 1) * inner).map(Math.abs));
            assert.equal(scale[c], Math.fround(maxAbs / 127), label);
          }
          const inputScale = tensorOf(quantized, input).quantization!.scale[0];
          const biasTensor = tensorOf(quantized, bias);
          assert.equal(biasTensor.dtype, 'int32', label);
          const floatBias = tensorOf(float, bias).data as Float32Array;
          biasTensor.quantization!.scale.forEach((s, c) => {
            assert.equal(s, Math.fround(inputScale * scale[c]), label);
            assert.ok(Math.abs((biasTensor.data as Int32Array)[c] - floatBias[c] / s) <= 0.5 + 1e-9, label);
          });
          const calibrated = ranges.get(op.outputs[0])!;
          assert.equal(
            output.scale,
            Math.fround((Math.max(calibrated.max, 0) - Math.min(calibrated.min, 0)) / 255),
          );
          break;
        }
        case 'LOGISTIC':
        case 'SOFTMAX':
          assert.deepEqual(output, { scale: 1 / 256, zeroPoint: -128 }, label);
          break;
        case 'MAX_POOL_2D':
        case 'AVERAGE_POOL_2D':
        case 'RESHAPE':
          assert.deepEqual(output, outputParams(quantized, { ...op, outputs: [op.inputs[0]] }), label);
          break;
      }
      assert.equal(tensorOf(quantized, op.outputs[0]).dtype, 'int8', label);
    });
    assert.equal(quantized.metadata.notes?.weights, 'per-channel');
    assert.equal(quantized.metadata.notes?.io, 'int8');
  }
});

test('int8 I/O runs the same integers as float I/O: quantized input in, the same outputs dequantized', () => {
  const prepared = prepare('cnn1d-small', 3);
  const int8Io = quantizeGraph(prepared.float, prepared.ranges, { io: 'int8' });
  const floatIo = quantizeGraph(prepared.float, prepared.ranges, { io: 'float' });
  const inputTensor = int8Io.tensors[int8Io.inputs[0]];
  const outputTensor = int8Io.tensors[int8Io.outputs[0]];
  assert.equal(inputTensor.dtype, 'int8');
  assert.equal(outputTensor.dtype, 'int8');
  assert.equal(floatIo.tensors[floatIo.inputs[0]].dtype, 'float32');
  assert.equal(floatIo.tensors[floatIo.outputs[0]].dtype, 'float32');
  const inScale = inputTensor.quantization!.scale[0];
  const inZero = inputTensor.quantization!.zeroPoint[0];
  for (const x of testInputs.slice(0, 5)) {
    // The spec's quantization: round half away from zero, clamped to int8.
    const q = Array.from(x, (v) =>
      Math.min(127, Math.max(-128, Math.sign(v / inScale) * Math.round(Math.abs(v / inScale)) + inZero)),
    );
    const int8Out = runGraph(int8Io, [q])[0];
    const floatOut = runGraph(floatIo, [Array.from(x)])[0];
    assert.deepEqual(
      int8Out.map((v) => Math.fround(1 / 256) * (v + 128)),
      floatOut,
    );
  }
});

test('a hand-checked FULLY_CONNECTED: weights, bias and parameters', () => {
  const graph: Graph = {
    tensors: [
      { name: 'x', shape: [1, 2], dtype: 'float32' },
      { name: 'w', shape: [2, 2], dtype: 'float32', data: Float32Array.from([1, -0.5, 0.25, 0]) },
      { name: 'b', shape: [2], dtype: 'float32', data: Float32Array.from([0.1, -0.2]) },
      { name: 'y', shape: [1, 2], dtype: 'float32' },
    ],
    ops: [
      {
        type: 'FULLY_CONNECTED',
        inputs: [0, 1, 2],
        outputs: [3],
        options: { fusedActivation: 'NONE', keepNumDims: false },
      },
    ],
    inputs: [0],
    outputs: [3],
    metadata: { task: 'other', classes: [], source: 'hand-made' },
  };
  const ranges: ActivationRanges = new Map([
    [0, { min: -1, max: 1 }],
    [3, { min: -2, max: 2 }],
  ]);
  const quantized = quantizeGraph(graph, ranges, { io: 'int8' });
  const [x, w, b, y] = quantized.tensors;
  // Input: scale 2/255, zero point round(-128 + 127.5) = -1 (half away from zero).
  assert.deepEqual(x.quantization, { scale: [Math.fround(2 / 255)], zeroPoint: [-1] });
  assert.deepEqual(y.quantization, { scale: [Math.fround(4 / 255)], zeroPoint: [-1] });
  // Channel scales 1/127 and 0.25/127; -0.5 / (1/127) = -63.5 rounds away from zero to -64.
  assert.deepEqual(w.quantization, {
    scale: [Math.fround(1 / 127), Math.fround(0.25 / 127)],
    zeroPoint: [0, 0],
    axis: 0,
  });
  assert.deepEqual(Array.from(w.data!), [127, -64, 127, 0]);
  const biasScales = [
    Math.fround(Math.fround(2 / 255) * Math.fround(1 / 127)),
    Math.fround(Math.fround(2 / 255) * Math.fround(0.25 / 127)),
  ];
  assert.deepEqual(b.quantization, { scale: biasScales, zeroPoint: [0, 0], axis: 0 });
  // 0.1 / (2/255 * 1/127) = 1619.25 -> 1619; -0.2 / (2/255 * 0.25/127) = -12954 (to float32 rounding).
  assert.deepEqual(Array.from(b.data!), [Math.round(0.1 / biasScales[0]), Math.round(-0.2 / biasScales[1])]);
  assert.equal(Array.from(b.data!)[0], 1619);
  assert.equal(Array.from(b.data!)[1], -12954);
});

test('uncalibrated tensors are refused with a clear error', () => {
  const mlp = lowerModel(presetModel('mlp', STEPS, CHANNELS, 2).model);
  assert.throws(
    () => quantizeGraph(mlp, new Map(), { io: 'int8' }),
    (error: unknown) => error instanceof EdgeforgeError && /no calibrated range/.test(error.message),
  );
});

test('a standalone RELU / RELU6 after a FULLY_CONNECTED is fused into it, and clamps as the float graph does', () => {
  for (const activation of ['RELU', 'RELU6'] as const) {
    const weights = Float32Array.from({ length: 6 * 4 }, (_, i) => Math.sin(i * 1.7) * 4);
    const graph: Graph = {
      tensors: [
        { name: 'x', shape: [1, 4], dtype: 'float32' },
        { name: 'w', shape: [6, 4], dtype: 'float32', data: weights },
        { name: 'b', shape: [6], dtype: 'float32', data: Float32Array.from([0.5, -0.5, 1, -1, 0, 2]) },
        { name: 'pre', shape: [1, 6], dtype: 'float32' },
        { name: 'y', shape: [1, 6], dtype: 'float32' },
      ],
      ops: [
        {
          type: 'FULLY_CONNECTED',
          inputs: [0, 1, 2],
          outputs: [3],
          options: { fusedActivation: 'NONE', keepNumDims: false },
        },
        { type: activation, inputs: [3], outputs: [4], options: {} },
      ],
      inputs: [0],
      outputs: [4],
      metadata: { task: 'other', classes: [], source: 'hand-made' },
    };
    const samples = randomInputs(50 * 4, 21);
    const quantized = quantizeGraph(graph, calibrate(graph, samples, 50, { method: 'minmax' }), {
      io: 'float',
    });
    assert.deepEqual(
      quantized.ops.map((op) => op.type),
      ['QUANTIZE', 'FULLY_CONNECTED', 'DEQUANTIZE'],
    );
    const fc = quantized.ops[1];
    assert.ok(fc.type === 'FULLY_CONNECTED' && fc.options.fusedActivation === activation);
    assert.deepEqual(fc.outputs, [4]);
    const step = quantized.tensors[4].quantization!.scale[0];
    const inputStep = quantized.tensors[quantized.ops[1].inputs[0]].quantization!.scale[0];
    const weightSteps = quantized.tensors[1].quantization!.scale;
    // Rounding bound per output: half an output step, half an input step through |w|, half a weight
    // step through |x|, half a bias step.
    const bound = (x: Float32Array, o: number) =>
      step / 2 +
      Array.from(x).reduce(
        (sum, v, k) =>
          sum + (inputStep / 2) * Math.abs(weights[o * 4 + k]) + (weightSteps[o] / 2) * Math.abs(v),
        0,
      ) +
      (inputStep * weightSteps[o]) / 2 +
      1e-6;
    const interpreter = new Interpreter(graph);
    for (let k = 0; k < 10; k++) {
      const x = samples.subarray(k * 4, k * 4 + 4);
      interpreter.input().set(x);
      interpreter.invoke();
      const expected = Array.from(interpreter.output());
      const actual = runGraph(quantized, [Array.from(x)])[0];
      actual.forEach((v, i) => {
        assert.ok(v >= 0 && (activation === 'RELU' || v <= 6 + step), `${activation} output ${v}`);
        assert.ok(Math.abs(v - expected[i]) <= bound(x, i), `${activation}: ${v} vs ${expected[i]}`);
      });
    }
  }
});

test('depthwise convolution, average and global max pooling and an unfolded BatchNorm (MUL, ADD) quantize and run', () => {
  const layers: LayerSpec[] = [
    { type: 'depthwise_conv1d', kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu6' },
    { type: 'average_pooling1d', poolSize: 2 },
    { type: 'batch_normalization' },
    { type: 'conv1d', filters: 4, kernelSize: 3, padding: 'valid' },
    { type: 'activation', activation: 'relu' },
    { type: 'global_max_pooling1d' },
    { type: 'dense', units: 3, activation: 'softmax' },
  ];
  const float = lowerModel(untrainedModel(layers, STEPS, CHANNELS, 'multiclass', ['a', 'b', 'c']).model);
  const samples = randomInputs(CALIBRATION_WINDOWS * WINDOW, 11);
  testInputs.forEach((x, i) => samples.set(x, i * WINDOW));
  const prepared = { float, ranges: calibrate(float, samples, CALIBRATION_WINDOWS, { method: 'minmax' }) };
  const quantized = quantizeGraph(float, prepared.ranges, { io: 'float' });
  assert.deepEqual(
    quantized.ops.map((op) => op.type),
    [
      'QUANTIZE',
      'RESHAPE',
      'DEPTHWISE_CONV_2D',
      'AVERAGE_POOL_2D',
      'MUL',
      'ADD',
      'CONV_2D',
      'REDUCE_MAX',
      'FULLY_CONNECTED',
      'SOFTMAX',
      'DEQUANTIZE',
    ],
  );
  assertCloseToFloat(prepared, quantized, 3, 'mixed ops');
  for (const op of quantized.ops) {
    if (op.type === 'AVERAGE_POOL_2D' || op.type === 'REDUCE_MAX') {
      assert.deepEqual(
        quantized.tensors[op.outputs[0]].quantization,
        quantized.tensors[op.inputs[0]].quantization,
      );
    }
    if (op.type === 'MUL' || op.type === 'ADD') {
      // The BatchNorm factors are int8 constants quantized over their own range.
      const constant = quantized.tensors[op.inputs[1]];
      const values = float.tensors[op.inputs[1]].data as Float32Array;
      assert.equal(constant.dtype, 'int8');
      const { scale, zeroPoint } = constant.quantization!;
      values.forEach((v, i) =>
        assert.ok(
          Math.abs(scale[0] * ((constant.data as Int8Array)[i] - zeroPoint[0]) - v) <= scale[0] / 2 + 1e-7,
        ),
      );
    }
  }
});

test('a Dense with tanh becomes FULLY_CONNECTED then TANH with the fixed output 1/128, 0', () => {
  const layers: LayerSpec[] = [
    { type: 'flatten' },
    { type: 'dense', units: 16, activation: 'tanh' },
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ];
  const float = lowerModel(untrainedModel(layers, STEPS, CHANNELS, 'binary', ['a', 'b']).model);
  assert.ok(float.ops.some((op) => op.type === 'FULLY_CONNECTED' && op.options.fusedActivation === 'TANH'));
  const samples = randomInputs(CALIBRATION_WINDOWS * WINDOW, 11);
  testInputs.forEach((x, i) => samples.set(x, i * WINDOW));
  const prepared = { float, ranges: calibrate(float, samples, CALIBRATION_WINDOWS, { method: 'minmax' }) };
  const quantized = quantizeGraph(float, prepared.ranges, { io: 'float' });
  assert.deepEqual(
    quantized.ops.map((op) => op.type),
    ['QUANTIZE', 'RESHAPE', 'FULLY_CONNECTED', 'TANH', 'FULLY_CONNECTED', 'LOGISTIC', 'DEQUANTIZE'],
  );
  const tanh = quantized.ops[3];
  assert.deepEqual(quantized.tensors[tanh.outputs[0]].quantization, { scale: [1 / 128], zeroPoint: [0] });
  assert.ok(
    quantized.ops.every((op) => !('fusedActivation' in op.options) || op.options.fusedActivation !== 'TANH'),
  );
  assertCloseToFloat(prepared, quantized, 3, 'dense tanh');
});

test('CONCATENATION inputs are requantized to its output parameters', () => {
  const fc = (weights: number, bias: number, output: number): OpDef => ({
    type: 'FULLY_CONNECTED',
    inputs: [0, weights, bias],
    outputs: [output],
    options: { fusedActivation: 'NONE', keepNumDims: false },
  });
  const graph: Graph = {
    tensors: [
      { name: 'x', shape: [1, 2], dtype: 'float32' },
      { name: 'wa', shape: [2, 2], dtype: 'float32', data: Float32Array.from([0.1, 0.2, -0.1, 0.05]) },
      { name: 'ba', shape: [2], dtype: 'float32', data: Float32Array.from([0, 0]) },
      { name: 'wb', shape: [3, 2], dtype: 'float32', data: Float32Array.from([3, -2, 1, 4, -3, 2]) },
      { name: 'bb', shape: [3], dtype: 'float32', data: Float32Array.from([1, 0, -1]) },
      { name: 'a', shape: [1, 2], dtype: 'float32' },
      { name: 'b', shape: [1, 3], dtype: 'float32' },
      { name: 'y', shape: [1, 5], dtype: 'float32' },
    ],
    ops: [
      fc(1, 2, 5),
      fc(3, 4, 6),
      { type: 'CONCATENATION', inputs: [5, 6], outputs: [7], options: { axis: 1, fusedActivation: 'NONE' } },
    ],
    inputs: [0],
    outputs: [7],
    metadata: { task: 'other', classes: [], source: 'hand-made' },
  };
  const ranges = calibrate(graph, randomInputs(2 * 30, 4), 30, { method: 'minmax' });
  const [a, b] = [ranges.get(5)!, ranges.get(6)!];
  // Branch b's range contains branch a's, so the output's range is b's and only a is requantized.
  assert.ok(b.min < a.min && b.max > a.max);
  assert.deepEqual(ranges.get(7), b);
  const quantized = quantizeGraph(graph, ranges, { io: 'int8' });
  assert.deepEqual(
    quantized.ops.map((op) => op.type),
    ['FULLY_CONNECTED', 'FULLY_CONNECTED', 'QUANTIZE', 'CONCATENATION'],
  );
  assert.deepEqual(quantized.ops[2].inputs, [5]);
  const concat = quantized.ops[3];
  assert.deepEqual(concat.inputs, [quantized.ops[2].outputs[0], 6]);
  const output = quantized.tensors[7].quantization;
  for (const input of concat.inputs) assert.deepEqual(quantized.tensors[input].quantization, output);
});
