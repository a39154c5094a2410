/** LSTM and GRU kernels against a numpy reference, and how recurrent state carries across invocations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import type { Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { GraphBuilder } from './graph-builder.js';
import { assertClose } from './run-graph.js';

/*
 * Reference (numpy, float64), units 2, one input channel, zero initial state:
 *   z_g = W_g x + U_g h + b_g;  i, f, o = σ(z); g = tanh(z_c);  c = f·c + i·g;  h = o·tanh(c)
 */
const LSTM = {
  w: { i: [0.5, -0.3], f: [0.2, 0.4], c: [-0.6, 0.9], o: [0.1, -0.2] },
  u: {
    i: [0.1, 0.2, -0.3, 0.4],
    f: [0.5, -0.1, 0.2, 0.3],
    c: [-0.2, 0.6, 0.1, -0.5],
    o: [0.3, 0.3, -0.4, 0.2],
  },
  b: { i: [0.0, 0.1], f: [1.0, 1.0], c: [0.05, -0.05], o: [0.2, 0.0] },
};
const SEQUENCE = [1.0, -2.0, 0.5];
const LSTM_OUT = [
  -0.17339529682431723, 0.1356952593793662, 0.021792964110218648, -0.28312855194880154, -0.10009294710461634,
  -0.06545940547550999,
];
const LSTM_OTHER_SAMPLE = [0.0, 3.0, -1.0];
const LSTM_OTHER_OUT = [
  0.0137315506413942, -0.013110547605650998, -0.39524663437420615, 0.09665467182766523, -0.1173743425819808,
  -0.18125501937629043,
];
// The same network continuing from the state SEQUENCE left, over [0.25, 0.75, -0.5].
const CONTINUATION = [0.25, 0.75, -0.5];
const LSTM_CONTINUED = [
  -0.1067819727914488, -0.0038112869741047024, -0.19515478195099187, 0.11819017324082627,
  -0.03262112091050404, -0.07157296002032502,
];

function lstmGraph(steps: number, extra: { peephole?: boolean } = {}): Graph {
  const g = new GraphBuilder();
  const x = g.input([1, steps, 1]);
  const gates = ['i', 'f', 'c', 'o'] as const;
  const w = gates.map((gate) => g.floats([2, 1], LSTM.w[gate]));
  const u = gates.map((gate) => g.floats([2, 2], LSTM.u[gate]));
  const b = gates.map((gate) => g.floats([2], LSTM.b[gate]));
  const peephole = extra.peephole ? g.floats([2], [0, 0]) : -1;
  const outputState = g.variable([1, 2]);
  const cellState = g.variable([1, 2]);
  const out = g.tensor([1, steps, 2]);
  g.op({
    type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    inputs: [x, ...w, ...u, peephole, -1, -1, ...b, -1, -1, outputState, cellState, -1, -1, -1, -1],
    outputs: [out],
    options: { fusedActivation: 'TANH', cellClip: 0, projClip: 0, timeMajor: false },
  });
  return g.output(out).build();
}

test('LSTM: every step of the sequence matches the reference', () => {
  const interpreter = new Interpreter(lstmGraph(3));
  interpreter.input().set(SEQUENCE);
  interpreter.invoke();
  assertClose(Array.from(interpreter.output()), LSTM_OUT, 1e-6);
});

test('LSTM over a batch: each sample on its own', () => {
  const interpreter = new Interpreter(lstmGraph(3), { batch: 2 });
  interpreter.input().set([...SEQUENCE, ...LSTM_OTHER_SAMPLE]);
  interpreter.invoke();
  assertClose(Array.from(interpreter.output()), [...LSTM_OUT, ...LSTM_OTHER_OUT], 1e-6);
});

test('recurrent state: reset per invoke by default, carried over on request', () => {
  const fresh = new Interpreter(lstmGraph(3));
  fresh.input().set(SEQUENCE);
  fresh.invoke();
  fresh.input().set(CONTINUATION);
  fresh.invoke();
  // A fresh start on the continuation alone differs from the continued sequence.
  const alone = Array.from(fresh.output());
  assert.ok(Math.abs(alone[0] - LSTM_CONTINUED[0]) > 1e-3);

  const carried = new Interpreter(lstmGraph(3), { statefulAcrossInvokes: true });
  carried.input().set(SEQUENCE);
  carried.invoke();
  carried.input().set(CONTINUATION);
  carried.invoke();
  assertClose(Array.from(carried.output()), LSTM_CONTINUED, 1e-6);
  carried.resetState();
  carried.input().set(CONTINUATION);
  carried.invoke();
  assertClose(Array.from(carried.output()), alone, 0);

  const streamed = new Interpreter(lstmGraph(3));
  streamed.input().set(SEQUENCE);
  streamed.invoke();
  streamed.input().set(CONTINUATION);
  streamed.stepSequence();
  assertClose(Array.from(streamed.output()), LSTM_CONTINUED, 1e-6);
});

test('an LSTM with peepholes has no kernel', () => {
  assert.throws(
    () => new Interpreter(lstmGraph(3, { peephole: true })),
    (error: unknown) =>
      error instanceof EdgeforgeError && /LSTM with peephole has no kernel/.test(error.message),
  );
});

// numpy reference, units 2: kernel rows z0 z1 r0 r1 h0 h1, reset_after.
const GRU = {
  kernel: [0.4, -0.7, 0.3, 0.8, -0.5, 0.6],
  recurrent: [0.1, -0.2, 0.3, 0.4, -0.5, 0.2, 0.1, 0.1, 0.7, -0.3, 0.2, 0.5],
  inputBias: [0.1, 0, -0.1, 0.2, 0, 0.05],
  recurrentBias: [0, 0.1, 0.2, 0, -0.1, 0],
};
const GRU_OUT = [
  -0.19174537607844502, 0.3691023186827425, 0.41811059629452135, 0.16977341338265436, 0.16698832397953942,
  0.3040528138547986,
];

function gruGraph(returnSequences: boolean): Graph {
  const g = new GraphBuilder();
  const x = g.input([1, 3, 1]);
  const out = g.tensor(returnSequences ? [1, 3, 2] : [1, 2]);
  g.op({
    type: 'GRU',
    inputs: [
      x,
      g.floats([6, 1], GRU.kernel),
      g.floats([6, 2], GRU.recurrent),
      g.floats([6], GRU.inputBias),
      g.floats([6], GRU.recurrentBias),
      g.variable([1, 2]),
    ],
    outputs: [out],
    options: { resetAfter: true, timeMajor: false, returnSequences },
  });
  return g.output(out).build();
}

test('GRU: the whole sequence, or only its last step', () => {
  const sequences = new Interpreter(gruGraph(true));
  sequences.input().set(SEQUENCE);
  sequences.invoke();
  assertClose(Array.from(sequences.output()), GRU_OUT, 1e-6);

  const last = new Interpreter(gruGraph(false), { batch: 2 });
  assert.equal(last.plan.scratch[0]?.bytes, 2 * 6 * 4, 'scratch holds both projections of one step');
  last.input().set([...SEQUENCE, ...SEQUENCE]);
  last.invoke();
  assertClose(Array.from(last.output()), [...GRU_OUT.slice(4), ...GRU_OUT.slice(4)], 1e-6);
});
