/**
 * The int8 UNIDIRECTIONAL_SEQUENCE_LSTM WebAssembly kernel against its specification, the
 * TypeScript int8 kernel (bit for bit through the interpreter), on odd sizes, both layouts,
 * batches, cell clip, saturating scales and state carried across invocations; against a
 * hand-computed fixture; on the whole int8 lstm-tutorial graph; and against the outputs
 * TensorFlow Lite Micro computed for trained_lstm_int8.tflite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph, TensorData } from '../../src/graph/types.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import type { Kernel, OpContext, OpOf } from '../../src/runtime/kernels/context.js';
import { lstmInt8Kernel } from '../../src/runtime/kernels/int8/lstm.js';
import { wasmLstmInt8Kernel } from '../../src/runtime/wasm/lstm-int8.js';
import { useWasmKernels } from '../../src/runtime/wasm/kernel-module.js';
import { Random } from '../../src/util/random.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { q, QuantGraph } from '../quant/int8-graph.js';
import { loadReferenceCases } from '../tflite/reference-cases.js';
import { runOpDirect } from './recurrent-fixtures.js';
import { assertTwins } from './twins.js';

const LSTM = ['UNIDIRECTIONAL_SEQUENCE_LSTM'] as const;

interface LstmSpec {
  units: number;
  depth: number;
  steps: number;
  timeMajor: boolean;
  cellClip: number;
  input: { scale: number; zeroPoint: number };
  hidden: { scale: number; zeroPoint: number };
  cellScale: number;
  /** Per gate i, f, c, o: row-major [units, depth] and [units, units] int8 values, int32 biases. */
  inputWeights: number[][];
  recurrentWeights: number[][];
  biases: number[][];
  inputWeightScale: number;
  recurrentWeightScale: number;
}

/**
 * One quantized LSTM op: int8 input and output, int8 hidden and int16 cell state. Stored for
 * batch 1: the interpreter scales dimension 0 of inputs and state (see runDirect for time-major).
 */
function lstmGraph(s: LstmSpec): Graph {
  const g = new QuantGraph();
  const sequence = (width: number) => (s.timeMajor ? [s.steps, 1, width] : [1, s.steps, width]);
  const input = g.input(sequence(s.depth), q(s.input.scale, s.input.zeroPoint));
  const w = s.inputWeights.map((values) => g.int8([s.units, s.depth], values, q(s.inputWeightScale)));
  const u = s.recurrentWeights.map((values) => g.int8([s.units, s.units], values, q(s.recurrentWeightScale)));
  const b = s.biases.map((values) => g.int32([s.units], values, q(s.input.scale * s.inputWeightScale)));
  const hiddenQ = q(s.hidden.scale, s.hidden.zeroPoint);
  const hidden = g.tensor([1, s.units], hiddenQ, 'int8', { variable: true });
  const cell = g.tensor([1, s.units], q(s.cellScale), 'int16', { variable: true });
  const out = g.tensor(sequence(s.units), hiddenQ);
  g.op({
    type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    inputs: [input, ...w, ...u, -1, -1, -1, ...b, -1, -1, hidden, cell, -1, -1, -1, -1],
    outputs: [out],
    options: { fusedActivation: 'TANH', cellClip: s.cellClip, projClip: 0, timeMajor: s.timeMajor },
  });
  return g.output(out).build();
}

type Shape = Pick<LstmSpec, 'units' | 'depth' | 'steps' | 'timeMajor' | 'cellClip'>;

/** Random int8 weights and biases at scales that keep gates mostly unsaturated; `loud` saturates gates and outputs. */
function randomSpec(shape: Shape, random: Random, loud = false): LstmSpec {
  const int8s = (count: number) => Array.from({ length: count }, () => random.int(255) - 127);
  const { units, depth } = shape;
  return {
    ...shape,
    input: { scale: loud ? 0.5 : 0.02, zeroPoint: random.int(41) - 20 },
    hidden: { scale: loud ? 1 / 300 : 1 / 128, zeroPoint: random.int(21) - 10 },
    cellScale: 2 ** -11,
    inputWeights: [0, 1, 2, 3].map(() => int8s(units * depth)),
    recurrentWeights: [0, 1, 2, 3].map(() => int8s(units * units)),
    biases: [0, 1, 2, 3].map(() => Array.from({ length: units }, () => random.int(8001) - 4000)),
    inputWeightScale: loud ? 0.2 : 0.01 / Math.sqrt(depth),
    recurrentWeightScale: loud ? 0.3 : 0.02 / Math.sqrt(units),
  };
}

function int8Inputs(count: number, random: Random): Int8Array {
  return Int8Array.from({ length: count }, () => random.int(256) - 128);
}

/** Outputs of one invoke with the WebAssembly kernels on, after proving the LSTM ran there. */
function runOnWasm(graph: Graph, inputs: readonly number[][]): number[][] {
  const interpreter = new Interpreter(graph);
  graph.ops.forEach((op, i) => {
    if (op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM')
      assert.equal(interpreter.kernelImplementations()[i], 'webassembly');
  });
  inputs.forEach((values, i) => interpreter.inputData(i).set(values));
  interpreter.invoke();
  return graph.outputs.map((_, i) => Array.from(interpreter.outputData(i)));
}

test('hand-computed: one unit over two steps, and the cell clip (test/quant/lstm.test.ts works them out)', () => {
  // Input weights (scale 2^-6) i, f, c, o = 0.5, 1, -1, 0.25; recurrent (2^-5) 2 on i only; the
  // forget bias 8192 at 2^-13 is 1.0; x at 2^-7, cell at 2^-11, hidden at 2^-7.
  const spec = (steps: number, cellClip: number): LstmSpec => ({
    units: 1,
    depth: 1,
    steps,
    timeMajor: false,
    cellClip,
    input: { scale: 2 ** -7, zeroPoint: 0 },
    hidden: { scale: 2 ** -7, zeroPoint: 0 },
    cellScale: 2 ** -11,
    inputWeights: [[32], [64], [-64], [16]],
    recurrentWeights: [[64], [0], [0], [0]],
    biases: [[0], [8192], [0], [0]],
    inputWeightScale: 2 ** -6,
    recurrentWeightScale: 2 ** -5,
  });
  assert.deepEqual(runOnWasm(lstmGraph(spec(2, 0)), [[64, 0]]), [[-17, -12]]);
  assert.deepEqual(runOnWasm(lstmGraph(spec(1, 0.1)), [[64]]), [[-7]]);
});

const STATEFUL = { statefulAcrossInvokes: true };

test('odd sizes, batch 1 and 3, cell clip, state carried over three invocations: bit for bit', () => {
  const random = new Random(21);
  let variant = 0;
  for (const units of [1, 3, 5, 17, 32]) {
    for (const depth of [1, 3, 7]) {
      const batch = variant % 2 === 0 ? 1 : 3;
      const shape: Shape = {
        units,
        depth,
        steps: 3 + (variant % 5),
        timeMajor: false,
        cellClip: variant % 3 === 2 ? 0.7 : 0,
      };
      variant++;
      const x = int8Inputs(batch * shape.steps * depth, random);
      const label = `units ${units} depth ${depth} batch ${batch} steps ${shape.steps}${shape.cellClip > 0 ? ' clipped' : ''}`;
      const run = { inputs: [x], options: { ...STATEFUL, batch }, invocations: 3 };
      assertTwins(lstmGraph(randomSpec(shape, random)), run, LSTM, label);
    }
  }
});

test('saturating scales (left-shifted multipliers, int16 and int8 saturation), a tight clip, extreme zero points and biases', () => {
  const random = new Random(5);
  for (const [units, depth, cellClip, hiddenZeroPoint] of [
    [5, 3, 0, -128],
    [17, 7, 0.01, 127],
    [32, 1, 3, 0],
  ] as const) {
    const spec = randomSpec({ units, depth, steps: 6, timeMajor: false, cellClip }, random, true);
    spec.hidden.zeroPoint = hiddenZeroPoint;
    // Biases over all of int32: bias - zero point · ΣW wraps as int32, as the `| 0` of the TypeScript kernel.
    spec.biases = spec.biases.map((row) => row.map(() => random.int(2 ** 32) - 2 ** 31));
    const run = {
      inputs: [int8Inputs(2 * 6 * depth, random)],
      options: { ...STATEFUL, batch: 2 },
      invocations: 3,
    };
    assertTwins(lstmGraph(spec), run, LSTM, `loud ${units}x${depth}`);
  }
});

/**
 * The kernel made by `make` on a time-major graph bound to arrays of [steps, samples, ...] (the
 * interpreter scales dimension 0, the time axis here), run three times in a row: output, hidden
 * and cell state after the last run.
 */
function runDirect(
  graph: Graph,
  samples: number,
  x: Int8Array,
  make: (op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>, ctx: OpContext) => Kernel | undefined,
): TensorData[] {
  const op = graph.ops[0] as OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>;
  const [input, hidden, cell, out] = [op.inputs[0], op.inputs[18], op.inputs[19], op.outputs[0]];
  const shapes = graph.tensors.map((tensor) => [...tensor.shape]);
  for (const tensor of [input, out, hidden, cell])
    shapes[tensor][tensor === hidden || tensor === cell ? 0 : 1] = samples;
  return runOpDirect(graph, { shapes, input, x }, (ctx) => make(op, ctx), 3, [out, hidden, cell]);
}

test('time-major sequences of 1 and 3 samples: output and final state bit for bit', () => {
  const random = new Random(8);
  for (const [units, depth, samples, cellClip] of [
    [1, 3, 3, 0],
    [5, 1, 1, 0.5],
    [17, 7, 3, 0],
    [32, 3, 3, 1],
  ] as const) {
    const graph = lstmGraph(randomSpec({ units, depth, steps: 7, timeMajor: true, cellClip }, random));
    const x = int8Inputs(7 * samples * depth, random);
    const expected = runDirect(graph, samples, x, lstmInt8Kernel);
    const actual = runDirect(graph, samples, x, wasmLstmInt8Kernel);
    assert.deepEqual(actual, expected, `time-major units ${units} depth ${depth} samples ${samples}`);
  }
});

test('the int8 lstm-tutorial graph (two stacked LSTMs), batch 1 and 3', () => {
  const steps = 20;
  const channels = 3;
  const float = lowerModel(presetModel('lstm-tutorial', steps, channels, 4).model);
  const calibration = randomInputs(32 * steps * channels, 11);
  const int8 = quantizeGraph(float, calibrate(float, calibration, 32, { method: 'minmax' }), { io: 'float' });
  assert.equal(int8.ops.filter((op) => op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM').length, 2);
  for (const batch of [1, 3]) {
    const x = randomInputs(batch * steps * channels, 40 + batch);
    assertTwins(
      int8,
      { inputs: [x], options: { batch }, invocations: 3 },
      LSTM,
      `lstm-tutorial batch ${batch}`,
    );
  }
});

test("trained_lstm_int8.tflite: every case equals TensorFlow Lite Micro's output bytes", () => {
  const cases = loadReferenceCases().filter((c) => c.model === 'trained_lstm_int8.tflite');
  assert.ok(cases.length > 0);
  const graph = readTflite(readFileSync(cases[0].modelPath), cases[0].model);
  for (const c of cases) {
    const [output] = runOnWasm(graph, [Array.from(c.input)]);
    assert.deepEqual(output, Array.from(c.expected), c.name);
  }
});

test('switched off, or a hidden zero point outside int8, the TypeScript kernel runs', () => {
  const spec = randomSpec({ units: 3, depth: 2, steps: 2, timeMajor: false, cellClip: 0 }, new Random(3));
  useWasmKernels(false);
  try {
    assert.deepEqual(new Interpreter(lstmGraph(spec)).kernelImplementations(), ['typescript']);
  } finally {
    useWasmKernels(true);
  }
  const outside = lstmGraph({ ...spec, hidden: { scale: 1 / 128, zeroPoint: 200 } });
  assert.deepEqual(new Interpreter(outside).kernelImplementations(), ['typescript']);
});
