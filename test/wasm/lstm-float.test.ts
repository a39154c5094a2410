/**
 * The float32 UNIDIRECTIONAL_SEQUENCE_LSTM on WebAssembly against its specification, the
 * TypeScript kernel: a hand-computed sequence, odd unit and input counts (partial groups of
 * four), batch 1 and 3, time- and batch-major, cell clip, state carried across invocations,
 * weights large enough for the recurrence to amplify any difference, and the lstm-tutorial graph.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Graph } from '../../src/graph/types.js';
import type { OpOf } from '../../src/runtime/kernels/context.js';
import { lstmKernel } from '../../src/runtime/kernels/float/lstm.js';
import { wasmLstmKernel } from '../../src/runtime/wasm/lstm-float.js';
import { Interpreter } from '../../src/runtime/index.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { assertBitForBit, assertPresetTwins, runOpDirect, scaledUniform } from './recurrent-fixtures.js';
import { assertTwins } from './twins.js';

interface LstmCase {
  units: number;
  depth: number;
  steps: number;
  timeMajor: boolean;
  cellClip: number;
}

/** Per gate i, f, c, o: input weights [units, depth], recurrent [units, units], bias [units]. */
interface LstmWeights {
  w: number[][];
  u: number[][];
  b: number[][];
}

function lstmGraph(shape: LstmCase, weights: LstmWeights): Graph {
  const { units, depth, steps, timeMajor, cellClip } = shape;
  const g = new GraphBuilder();
  // Stored for batch 1: the interpreter scales dimension 0 (see assertTimeMajorTwins).
  const x = g.input(timeMajor ? [steps, 1, depth] : [1, steps, depth]);
  const w = weights.w.map((values) => g.floats([units, depth], values));
  const u = weights.u.map((values) => g.floats([units, units], values));
  const b = weights.b.map((values) => g.floats([units], values));
  const hidden = g.variable([1, units]);
  const cell = g.variable([1, units]);
  const out = g.tensor(timeMajor ? [steps, 1, units] : [1, steps, units]);
  g.op({
    type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    inputs: [x, ...w, ...u, -1, -1, -1, ...b, -1, -1, hidden, cell, -1, -1, -1, -1],
    outputs: [out],
    options: { fusedActivation: 'TANH', cellClip, projClip: 0, timeMajor },
  });
  return g.output(out).build();
}

/** Uniform weights of ±scale/√(fan-in) per matrix, gate by gate. */
function randomWeights(units: number, depth: number, scale: number, random: Random): LstmWeights {
  const gates = (count: number, fanIn: number) =>
    Array.from({ length: 4 }, () => scaledUniform(count, fanIn, scale, random));
  return { w: gates(units * depth, depth), u: gates(units * units, units), b: gates(units, 4) };
}

test('a hand-computed sequence: units 1, depth 1, two steps', () => {
  // W = (ln 3, 0, ln 2, ln 3) for gates i, f, c, o; U = (0, 1, 0, 0); no bias; x = (1, -1).
  // Step 1 (h = c = 0): i = σ(ln 3) = 3/4, f = σ(0) = 1/2, g = tanh(ln 2) = 3/5, o = 3/4;
  //   c1 = 1/2·0 + 3/4·3/5 = 0.45, h1 = 3/4·tanh(0.45) = 0.75·0.42189900525 = 0.3164242539375.
  // Step 2: i = σ(-ln 3) = 1/4, f = σ(h1) = 0.57845256911, g = tanh(-ln 2) = -3/5, o = 1/4;
  //   c2 = 0.57845256911·0.45 - 1/4·3/5 = 0.11030365610, h2 = 1/4·tanh(c2) = 0.25·0.10985847152 = 0.02746461788.
  const ln2 = Math.LN2;
  const ln3 = Math.log(3);
  const graph = lstmGraph(
    { units: 1, depth: 1, steps: 2, timeMajor: false, cellClip: 0 },
    { w: [[ln3], [0], [ln2], [ln3]], u: [[0], [1], [0], [0]], b: [[0], [0], [0], [0]] },
  );
  const interpreter = new Interpreter(graph);
  assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
  interpreter.input().set([1, -1]);
  interpreter.invoke();
  const [h1, h2] = interpreter.output();
  assert.ok(Math.abs(h1 - 0.3164242539375) < 1e-7, `h1 ${h1}`);
  assert.ok(Math.abs(h2 - 0.02746461788) < 1e-7, `h2 ${h2}`);
});

test('the cell clip bounds c: units 1, one step', () => {
  // W = (ln 3, 0, ln 2, ln 3), x = 1: c1 = 0.45 clipped to 0.25, h1 = 3/4·tanh(0.25) = 0.75·0.24491866240 = 0.18368899680.
  const graph = lstmGraph(
    { units: 1, depth: 1, steps: 1, timeMajor: false, cellClip: 0.25 },
    { w: [[Math.log(3)], [0], [Math.LN2], [Math.log(3)]], u: [[0], [0], [0], [0]], b: [[0], [0], [0], [0]] },
  );
  const interpreter = new Interpreter(graph);
  interpreter.input().set([1]);
  interpreter.invoke();
  assert.ok(Math.abs(interpreter.output()[0] - 0.1836889968) < 1e-7, `h1 ${interpreter.output()[0]}`);
});

/** A time-major sequence of several samples on both kernels, twice in a row: identical outputs and final state. */
function assertTimeMajorTwins(
  units: number,
  depth: number,
  steps: number,
  samples: number,
  random: Random,
): void {
  const shape = { units, depth, steps, timeMajor: true, cellClip: 0.9 };
  const graph = lstmGraph(shape, randomWeights(units, depth, 1.5, random));
  const op = graph.ops[0] as OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>;
  const [x, , , , , , , , , , , , , , , , , , hidden, cell] = op.inputs;
  const out = op.outputs[0];
  const shapes = graph.tensors.map((tensor) => tensor.shape);
  shapes[x] = [steps, samples, depth];
  shapes[out] = [steps, samples, units];
  shapes[hidden] = [samples, units];
  shapes[cell] = [samples, units];
  const xValues = Float32Array.from({ length: steps * samples * depth }, () => random.normal());
  const run = { shapes, input: x, x: xValues };
  const read = [out, hidden, cell];
  const expected = runOpDirect(graph, run, (ctx) => lstmKernel(op, ctx), 2, read);
  const actual = runOpDirect(graph, run, (ctx) => wasmLstmKernel(op, ctx), 2, read);
  assert.deepEqual(actual, expected, `time-major, units ${units}, depth ${depth}, ${samples} samples`);
}

test('time-major sequences of several samples: the same results as the TypeScript kernel', () => {
  const random = new Random(5);
  for (const units of [1, 5, 17])
    for (const depth of [1, 7]) assertTimeMajorTwins(units, depth, 6, 3, random);
});

test('odd sizes through the interpreter: batch 1 and 3, with and without cell clip, stateful or not', () => {
  const random = new Random(11);
  const steps = 5;
  for (const units of [1, 3, 5, 17, 32]) {
    for (const depth of [1, 3, 7]) {
      for (const [batch, cellClip, stateful] of [
        [1, 0, false],
        [3, 0.7, true],
        [3, 0, false],
        [1, 1.5, true],
      ] as const) {
        const shape = { units, depth, steps, timeMajor: false, cellClip };
        const graph = lstmGraph(shape, randomWeights(units, depth, 1.5, random));
        const x = Float32Array.from({ length: batch * steps * depth }, () => random.normal());
        assertTwins(
          graph,
          {
            inputs: [x],
            options: { batch, statefulAcrossInvokes: stateful },
            invocations: stateful ? 3 : 2,
          },
          ['UNIDIRECTIONAL_SEQUENCE_LSTM'],
          `units ${units}, depth ${depth}, batch ${batch}, clip ${cellClip}${stateful ? ', stateful' : ''}`,
        );
      }
    }
  }
});

test('64 steps with large weights: the same float32 values as the TypeScript kernel, bit for bit', () => {
  // At three times Glorot's scale the recurrence amplifies a one-ulp difference a hundredfold
  // within 64 steps; the kernel computes what the TypeScript kernel computes, so none arises.
  const random = new Random(3);
  const shape = { units: 32, depth: 3, steps: 64, timeMajor: false, cellClip: 0 };
  const graph = lstmGraph(shape, randomWeights(32, 3, 3, random));
  const x = Float32Array.from({ length: 64 * 3 }, () => 2 * random.normal());
  assertBitForBit(graph, x);
});

test('the lstm-tutorial graph (64 steps × 1 channel) through the interpreter on both kernels', () => {
  assertPresetTwins('lstm-tutorial', 64, 1, 'UNIDIRECTIONAL_SEQUENCE_LSTM');
});
