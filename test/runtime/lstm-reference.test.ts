/**
 * The float LSTM kernel (input projections computed ahead in chunks of steps, the batch's
 * recurrent products blocked) against a straightforward per-sample, per-step LSTM written here:
 * odd unit and input sizes, sequences longer than a chunk and not a multiple of it, batches,
 * cell clipping. (Graphs are stored for batch 1 first, so only batch-major sequences occur.)
 */
import { test } from 'node:test';
import type { Graph } from '../../src/graph/types.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from './graph-builder.js';
import { assertClose, runGraph } from './run-graph.js';

interface LstmCase {
  batch: number;
  steps: number;
  depth: number;
  units: number;
  cellClip: number;
}

/** Per gate i, f, c, o: W [units, depth], U [units, units], b [units]. */
interface Gates {
  w: number[][];
  u: number[][];
  b: number[][];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** x and the result in [batch, steps, ·] order. */
function referenceLstm(c: LstmCase, gates: Gates, x: number[]): number[] {
  const out: number[] = [];
  for (let b = 0; b < c.batch; b++) {
    let h = new Array<number>(c.units).fill(0);
    const cell = new Array<number>(c.units).fill(0);
    for (let t = 0; t < c.steps; t++) {
      const xt = x.slice((b * c.steps + t) * c.depth, (b * c.steps + t + 1) * c.depth);
      const z = [0, 1, 2, 3].map((g) =>
        Array.from({ length: c.units }, (_, r) => {
          let sum = gates.b[g][r];
          for (let k = 0; k < c.depth; k++) sum += gates.w[g][r * c.depth + k] * xt[k];
          for (let k = 0; k < c.units; k++) sum += gates.u[g][r * c.units + k] * h[k];
          return sum;
        }),
      );
      const next: number[] = [];
      for (let r = 0; r < c.units; r++) {
        let value = sigmoid(z[1][r]) * cell[r] + sigmoid(z[0][r]) * Math.tanh(z[2][r]);
        if (c.cellClip > 0) value = Math.min(Math.max(value, -c.cellClip), c.cellClip);
        cell[r] = value;
        next.push(sigmoid(z[3][r]) * Math.tanh(value));
      }
      h = next;
      out.push(...h);
    }
  }
  return out;
}

function lstmGraph(c: LstmCase, gates: Gates): Graph {
  const g = new GraphBuilder();
  const x = g.input([1, c.steps, c.depth]);
  const w = gates.w.map((values) => g.floats([c.units, c.depth], values));
  const u = gates.u.map((values) => g.floats([c.units, c.units], values));
  const b = gates.b.map((values) => g.floats([c.units], values));
  const outputState = g.variable([1, c.units]);
  const cellState = g.variable([1, c.units]);
  const out = g.tensor([1, c.steps, c.units]);
  g.op({
    type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    inputs: [x, ...w, ...u, -1, -1, -1, ...b, -1, -1, outputState, cellState, -1, -1, -1, -1],
    outputs: [out],
    options: { fusedActivation: 'TANH', cellClip: c.cellClip, projClip: 0, timeMajor: false },
  });
  return g.output(out).build();
}

function checkLstm(c: LstmCase, random: Random): void {
  const values = (length: number, scale = 0.6) => Array.from({ length }, () => random.uniform(-scale, scale));
  const gates: Gates = {
    w: [0, 1, 2, 3].map(() => values(c.units * c.depth)),
    u: [0, 1, 2, 3].map(() => values(c.units * c.units)),
    b: [0, 1, 2, 3].map(() => values(c.units)),
  };
  // Stored as float32, so the reference uses the rounded values too.
  const round = (list: number[]) => list.map((value) => Math.fround(value));
  const rounded: Gates = { w: gates.w.map(round), u: gates.u.map(round), b: gates.b.map(round) };
  const x = round(values(c.batch * c.steps * c.depth, 2));
  const expected = referenceLstm(c, rounded, x);
  const [actual] = runGraph(lstmGraph(c, gates), [x], c.batch);
  assertClose(actual, expected, 1e-5, JSON.stringify(c));
}

test('LSTM against a per-step reference: odd sizes, batches, sequences across chunk boundaries', () => {
  const random = new Random(21);
  for (const [batch, steps, depth, units] of [
    [1, 1, 1, 1],
    [1, 37, 1, 5],
    [3, 16, 3, 9],
    [5, 33, 2, 4],
    [2, 50, 7, 12],
  ]) {
    checkLstm({ batch, steps, depth, units, cellClip: 0 }, random);
  }
});

test('LSTM with cell clipping, over a batch', () => {
  const random = new Random(22);
  checkLstm({ batch: 2, steps: 19, depth: 3, units: 5, cellClip: 0.3 }, random);
  checkLstm({ batch: 4, steps: 17, depth: 1, units: 3, cellClip: 0.2 }, random);
});
