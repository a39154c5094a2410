import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { presetModel, randomInputs, untrainedModel } from '../graph/model-fixtures.js';
import { REFERENCE_DIR } from '../tflite/reference-cases.js';
import { runGraph } from './int8-graph.js';

const STEPS = 12;
const CHANNELS = 3;
const WINDOW = STEPS * CHANNELS;
const UNITS = 8;

/** LSTM(8, every step) -> Flatten -> Dense(3, softmax): the reference model's shape. */
function lstmGraph(steps = STEPS): Graph {
  const { model } = untrainedModel(
    [
      { type: 'lstm', units: UNITS, returnSequences: true },
      { type: 'flatten' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ],
    steps,
    CHANNELS,
    'multiclass',
    ['a', 'b', 'c'],
  );
  return lowerModel(model);
}

/** The graph cut after its LSTM: the sequence is the output. */
function lstmOnly(graph: Graph): Graph {
  return { ...graph, ops: [graph.ops[0]], outputs: [graph.ops[0].outputs[0]] };
}

const testInputs = Array.from({ length: 10 }, (_, i) => randomInputs(WINDOW, 300 + i));

function quantized(graph: Graph): Graph {
  const samples = randomInputs(60 * WINDOW, 9);
  testInputs.forEach((x, i) => samples.set(x, i * WINDOW));
  return quantizeGraph(graph, calibrate(graph, samples, 60, { method: 'minmax' }), { io: 'float' });
}

function worstError(float: Graph, int8: Graph): number {
  const interpreter = new Interpreter(float);
  let worst = 0;
  for (const x of testInputs) {
    interpreter.input().set(x);
    interpreter.invoke();
    const expected = interpreter.output();
    runGraph(int8, [Array.from(x)])[0].forEach(
      (v, i) => (worst = Math.max(worst, Math.abs(v - expected[i]))),
    );
  }
  return worst;
}

test('the int8 LSTM sequence stays within 2 steps of its output scale of the float LSTM', () => {
  const float = lstmOnly(lstmGraph());
  const int8 = quantized(float);
  const step = int8.tensors[int8.ops.at(-1)!.inputs[0]].quantization!.scale[0];
  const worst = worstError(float, int8);
  assert.ok(worst <= 2 * step, `worst ${worst}, ${worst / step} steps of ${step}`);
});

test('the whole LSTM classifier in int8 keeps its probabilities within 0.05 of float', () => {
  // Flatten -> Dense over 96 values adds the LSTM's rounding up: measured 0.036 (9 output steps).
  const float = lstmGraph();
  const worst = worstError(float, quantized(float));
  assert.ok(worst <= 0.05, `worst ${worst}`);
});

test("the int8 LSTM has the TFLite converter's layout (as in trained_lstm_int8.tflite)", () => {
  const float = lstmGraph();
  const int8 = quantized(float);
  const op = int8.ops.find((o) => o.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM')!;
  const floatOp = float.ops[0];
  const reference = readTflite(readFileSync(join(REFERENCE_DIR, 'trained_lstm_int8.tflite')));
  const referenceOp = reference.ops.find((o) => o.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM')!;
  const layout = (graph: Graph, tensor: number) =>
    tensor < 0
      ? 'absent'
      : `${graph.tensors[tensor].dtype} ${graph.tensors[tensor].quantization ? 'quantized' : 'plain'} ${graph.tensors[tensor].variable ? 'variable' : ''}`;
  assert.deepEqual(
    op.inputs.map((t) => layout(int8, t)),
    referenceOp.inputs.map((t) => layout(reference, t)),
  );
  assert.ok(
    op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM' && referenceOp.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM',
  );
  assert.deepEqual(
    op.intermediates!.map((t) => layout(int8, t)),
    referenceOp.intermediates!.map((t) => layout(reference, t)),
  );
  const q = (t: number) => int8.tensors[t].quantization!;
  const output = q(op.outputs[0]);
  // Hidden (output and output state, and the effective-hidden intermediate): symmetric, max|h| / 127.
  assert.deepEqual(q(op.inputs[18]), output);
  assert.deepEqual(q(op.intermediates![4]), output);
  assert.equal(output.zeroPoint[0], 0);
  for (let gate = 0; gate < 8; gate++) {
    const tensor = op.inputs[1 + gate];
    const weights = float.tensors[floatOp.inputs[1 + gate]].data as Float32Array;
    assert.deepEqual(q(tensor), {
      scale: [Math.fround(Math.max(...weights.map(Math.abs)) / 127)],
      zeroPoint: [0],
    });
    assert.ok((int8.tensors[tensor].data as Int8Array).every((w) => w >= -127 && w <= 127));
  }
  const inputScale = q(op.inputs[0]).scale[0];
  for (let gate = 0; gate < 4; gate++) {
    assert.deepEqual(q(op.inputs[12 + gate]).scale, [
      Math.fround(inputScale * q(op.inputs[1 + gate]).scale[0]),
    ]);
  }
  // Cell: a power of two, the smallest whose int16 range covers the calibrated cell.
  const cell = q(op.inputs[19]).scale[0];
  assert.equal(int8.tensors[op.inputs[19]].dtype, 'int16');
  assert.ok(Number.isInteger(Math.log2(cell)));
});

test('calibration records the LSTM cell state: after one step c = σ(i)·tanh(g) by hand', () => {
  const float = lstmGraph(1);
  const op = float.ops[0];
  const x = randomInputs(CHANNELS, 77);
  const ranges = calibrate(float, x, 1, { method: 'minmax' });
  const data = (position: number) => float.tensors[op.inputs[position]].data as Float32Array;
  const gate = (weights: number, bias: number, unit: number) =>
    data(bias)[unit] + x.reduce((sum, v, k) => sum + data(weights)[unit * CHANNELS + k] * v, 0);
  const cells = Array.from(
    { length: UNITS },
    (_, u) => Math.tanh(gate(3, 14, u)) / (1 + Math.exp(-gate(1, 12, u))),
  );
  const range = ranges.get(op.inputs[19])!;
  assert.ok(Math.abs(range.min - Math.min(...cells)) < 1e-6, `${range.min} vs ${Math.min(...cells)}`);
  assert.ok(Math.abs(range.max - Math.max(...cells)) < 1e-6, `${range.max} vs ${Math.max(...cells)}`);
});

test('the lstm-tutorial preset quantizes: stacked LSTMs run in int8, the last-step slice shares their parameters', () => {
  const float = lowerModel(presetModel('lstm-tutorial', STEPS, CHANNELS, 2).model);
  assert.deepEqual(
    float.ops.map((op) => op.type),
    [
      'UNIDIRECTIONAL_SEQUENCE_LSTM',
      'UNIDIRECTIONAL_SEQUENCE_LSTM',
      'STRIDED_SLICE',
      'FULLY_CONNECTED',
      'LOGISTIC',
    ],
  );
  const int8 = quantized(float);
  const slice = int8.ops.find((op) => op.type === 'STRIDED_SLICE')!;
  assert.deepEqual(int8.tensors[slice.outputs[0]].quantization, int8.tensors[slice.inputs[0]].quantization);
  // The runtime has no int8 STRIDED_SLICE yet: run the two LSTMs (the graph cut after them).
  const stacked = { ...float, ops: float.ops.slice(0, 2), outputs: [float.ops[1].outputs[0]] };
  const stackedInt8 = quantized(stacked);
  const step = stackedInt8.tensors[stackedInt8.ops.at(-1)!.inputs[0]].quantization!.scale[0];
  const worst = worstError(stacked, stackedInt8);
  assert.ok(worst <= 3 * step, `worst ${worst}, ${worst / step} steps of ${step}`);
});
