/**
 * The float32 GRU on WebAssembly against its specification, the TypeScript kernel: a
 * hand-computed sequence, odd unit and input counts (partial groups of four), batch 1 and 3,
 * every step or the last one, time-major sequences, state carried across invocations, large
 * weights, and the gru-small graph.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Graph } from '../../src/graph/types.js';
import type { OpOf } from '../../src/runtime/kernels/context.js';
import { OpContext } from '../../src/runtime/kernels/context.js';
import { gruKernel } from '../../src/runtime/kernels/float/gru.js';
import { Interpreter } from '../../src/runtime/index.js';
import { wasmGruKernel } from '../../src/runtime/wasm/gru-float.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { assertBitForBit, assertPresetTwins, runOpDirect, scaledUniform } from './recurrent-fixtures.js';
import { assertTwins } from './twins.js';

interface GruCase {
  units: number;
  depth: number;
  steps: number;
  timeMajor: boolean;
  returnSequences: boolean;
}

/** Rows z, r, h stacked: kernel [3·units, depth], recurrent [3·units, units], biases [3·units]. */
interface GruWeights {
  kernel: number[];
  recurrent: number[];
  inputBias: number[];
  recurrentBias: number[];
}

function gruGraph(shape: GruCase, weights: GruWeights, resetAfter = true): Graph {
  const { units, depth, steps, timeMajor, returnSequences } = shape;
  const g = new GraphBuilder();
  // Stored for batch 1: the interpreter scales dimension 0 (see assertTimeMajorTwins).
  const x = g.input(timeMajor ? [steps, 1, depth] : [1, steps, depth]);
  const out = g.tensor(returnSequences ? (timeMajor ? [steps, 1, units] : [1, steps, units]) : [1, units]);
  g.op({
    type: 'GRU',
    inputs: [
      x,
      g.floats([3 * units, depth], weights.kernel),
      g.floats([3 * units, units], weights.recurrent),
      g.floats([3 * units], weights.inputBias),
      g.floats([3 * units], weights.recurrentBias),
      g.variable([1, units]),
    ],
    outputs: [out],
    options: { resetAfter, timeMajor, returnSequences },
  });
  return g.output(out).build();
}

/** Uniform weights of ±scale/√(fan-in). */
function randomWeights(units: number, depth: number, scale: number, random: Random): GruWeights {
  const values = (count: number, fanIn: number) => scaledUniform(count, fanIn, scale, random);
  return {
    kernel: values(3 * units * depth, depth),
    recurrent: values(3 * units * units, units),
    inputBias: values(3 * units, 4),
    recurrentBias: values(3 * units, 4),
  };
}

test('a hand-computed sequence: units 1, depth 1, two steps', () => {
  // Rows z, r, h: W = (0, ln 3, ln 2), U = (0, 0, 1), no biases; x = (1, 1).
  // Step 1 (h = 0): z = σ(0) = 1/2, r = σ(ln 3) = 3/4, ĥ = tanh(ln 2 + r·0) = 3/5;
  //   h1 = z·0 + (1 - z)·ĥ = 0.3.
  // Step 2: z = 1/2, r = 3/4, ĥ = tanh(ln 2 + 3/4·(1·0.3)) = tanh(0.91814718056) = 0.72501971664;
  //   h2 = 1/2·0.3 + 1/2·0.72501971664 = 0.51250985832.
  const graph = gruGraph(
    { units: 1, depth: 1, steps: 2, timeMajor: false, returnSequences: true },
    {
      kernel: [0, Math.log(3), Math.LN2],
      recurrent: [0, 0, 1],
      inputBias: [0, 0, 0],
      recurrentBias: [0, 0, 0],
    },
  );
  const interpreter = new Interpreter(graph);
  assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
  interpreter.input().set([1, 1]);
  interpreter.invoke();
  const [h1, h2] = interpreter.output();
  assert.ok(Math.abs(h1 - 0.3) < 1e-7, `h1 ${h1}`);
  assert.ok(Math.abs(h2 - 0.51250985832) < 1e-7, `h2 ${h2}`);
});

test('a GRU without reset_after gets no WebAssembly kernel (the TypeScript kernel refuses it)', () => {
  const shape = { units: 2, depth: 1, steps: 2, timeMajor: false, returnSequences: true };
  const graph = gruGraph(shape, randomWeights(2, 1, 1, new Random(1)), false);
  const op = graph.ops[0] as OpOf<'GRU'>;
  const shapes = graph.tensors.map((tensor) => tensor.shape);
  const views = graph.tensors.map((tensor) => tensor.data ?? new Float32Array(8));
  assert.equal(
    wasmGruKernel(op, new OpContext(graph, 0, shapes, views, new Float32Array(0), undefined)),
    undefined,
  );
});

/** A time-major sequence of several samples on both kernels, twice in a row: identical outputs and final state. */
function assertTimeMajorTwins(shape: GruCase, samples: number, random: Random): void {
  const { units, depth, steps, returnSequences } = shape;
  const graph = gruGraph(shape, randomWeights(units, depth, 1.5, random));
  const op = graph.ops[0] as OpOf<'GRU'>;
  const [x, , , , , state] = op.inputs;
  const out = op.outputs[0];
  const shapes = graph.tensors.map((tensor) => tensor.shape);
  shapes[x] = [steps, samples, depth];
  shapes[out] = returnSequences ? [steps, samples, units] : [samples, units];
  shapes[state] = [samples, units];
  const xValues = Float32Array.from({ length: steps * samples * depth }, () => random.normal());
  // The TypeScript kernel's scratch: both projections of one step.
  const run = { shapes, input: x, x: xValues, scratch: new Float32Array(6 * units) };
  const expected = runOpDirect(graph, run, (ctx) => gruKernel(op, ctx), 2, [out, state]);
  const actual = runOpDirect(graph, run, (ctx) => wasmGruKernel(op, ctx), 2, [out, state]);
  assert.deepEqual(actual, expected, `time-major, units ${units}, depth ${depth}, ${samples} samples`);
}

test('time-major sequences of several samples: the same results as the TypeScript kernel', () => {
  const random = new Random(5);
  for (const units of [1, 5, 17]) {
    for (const depth of [1, 7]) {
      for (const returnSequences of [true, false]) {
        assertTimeMajorTwins({ units, depth, steps: 6, timeMajor: true, returnSequences }, 3, random);
      }
    }
  }
});

test('odd sizes through the interpreter: batch 1 and 3, every step or the last, stateful or not', () => {
  const random = new Random(11);
  const steps = 5;
  for (const units of [1, 3, 5, 17, 32]) {
    for (const depth of [1, 3, 7]) {
      for (const [batch, returnSequences, stateful] of [
        [1, true, false],
        [3, true, true],
        [3, false, false],
        [1, false, true],
      ] as const) {
        const shape = { units, depth, steps, timeMajor: false, returnSequences };
        const graph = gruGraph(shape, randomWeights(units, depth, 1.5, random));
        const x = Float32Array.from({ length: batch * steps * depth }, () => random.normal());
        assertTwins(
          graph,
          { inputs: [x], options: { batch, statefulAcrossInvokes: stateful }, invocations: stateful ? 3 : 2 },
          ['GRU'],
          `units ${units}, depth ${depth}, batch ${batch}, ${returnSequences ? 'sequences' : 'last step'}${stateful ? ', stateful' : ''}`,
        );
      }
    }
  }
});

test('64 steps with large weights: the same float32 values as the TypeScript kernel, bit for bit', () => {
  const random = new Random(3);
  const shape = { units: 24, depth: 3, steps: 64, timeMajor: false, returnSequences: true };
  const graph = gruGraph(shape, randomWeights(24, 3, 3, random));
  const x = Float32Array.from({ length: 64 * 3 }, () => 2 * random.normal());
  assertBitForBit(graph, x);
});

test('the gru-small graph (64 steps × 3 channels) through the interpreter on both kernels', () => {
  assertPresetTwins('gru-small', 64, 3, 'GRU');
});
