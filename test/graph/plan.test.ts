import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { planMemory } from '../../src/graph/plan/index.js';
import type { Graph } from '../../src/graph/types.js';
import { GraphBuilder } from '../runtime/graph-builder.js';

const NO_ACTIVATION = { fusedActivation: 'NONE', keepNumDims: false } as const;

/** x [1,n] -FC-> y [1,h] -RELU-> z [1,h] -FC-> out [1,m]. */
function denseReluDense(n: number, h: number, m: number): Graph {
  const g = new GraphBuilder();
  const x = g.input([1, n]);
  const y = g.tensor([1, h]);
  const z = g.tensor([1, h]);
  const out = g.tensor([1, m]);
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [x, g.floats([h, n], new Array(h * n).fill(0)), -1],
    outputs: [y],
    options: NO_ACTIVATION,
  });
  g.op({ type: 'RELU', inputs: [y], outputs: [z], options: {} });
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [z, g.floats([m, h], new Array(m * h).fill(0)), -1],
    outputs: [out],
    options: NO_ACTIVATION,
  });
  return g.output(out).build();
}

const shapesOf = (graph: Graph): number[][] => graph.tensors.map((tensor) => tensor.shape);

test('a dense-relu-dense chain: lifetimes, the relu in place, the largest block at 0', () => {
  const graph = denseReluDense(4, 8, 2);
  const plan = planMemory(graph, shapesOf(graph));
  // Tensors: 0 x, 1 y, 2 z, 3 out, 4 and 5 weights (constants get no entry).
  // y and z share one 32-byte block alive over ops 0..2; x (16 bytes, ops -1..0) and
  // out (8 bytes, op 2) each overlap that block but not each other, so both sit at 32.
  assert.deepEqual(plan.entries, [
    { tensor: 0, offset: 32, bytes: 16, firstOp: -1, lastOp: 0 },
    { tensor: 1, offset: 0, bytes: 32, firstOp: 0, lastOp: 1 },
    { tensor: 2, offset: 0, bytes: 32, firstOp: 1, lastOp: 2, aliasOf: 1 },
    { tensor: 3, offset: 32, bytes: 8, firstOp: 2, lastOp: 2 },
  ]);
  assert.equal(plan.arenaBytes, 48); // x ends at 32 + 16
  assert.equal(plan.alignment, 16);
  assert.deepEqual(plan.scratch, []);
  assert.equal(plan.variableBytes, 0);
});

test('a smaller alignment packs tighter; offsets stay multiples of it', () => {
  // x 12 bytes, y = z 20 bytes (ops 0..2), out 4 bytes. With 16-byte alignment, y first at 0
  // would push x to 32 (arena 44); hanging y from the ceiling of 16 + 32 puts it at 16 (arena 36).
  const graph = denseReluDense(3, 5, 1);
  const coarse = planMemory(graph, shapesOf(graph));
  assert.deepEqual(
    coarse.entries.map((entry) => entry.offset),
    [0, 16, 16, 0],
  );
  assert.equal(coarse.arenaBytes, 36);
  const fine = planMemory(graph, shapesOf(graph), { alignment: 4 });
  assert.deepEqual(
    fine.entries.map((entry) => entry.offset),
    [20, 0, 0, 20],
  );
  assert.equal(fine.arenaBytes, 32); // the 12 + 20 bytes alive at op 0, no slack
});

test('a reshape aliases its input only when the input dies there', () => {
  const g = new GraphBuilder();
  const x = g.input([1, 2, 3]);
  const flat = g.tensor([1, 6]);
  const sum = g.tensor([1, 2, 3]);
  const flatSum = g.tensor([1, 6]);
  const shape = g.ints([1, 6]);
  g.op({ type: 'RESHAPE', inputs: [x, shape], outputs: [flat], options: {} }); // x still needed by op 1
  g.op({ type: 'ADD', inputs: [x, x], outputs: [sum], options: { fusedActivation: 'NONE' } });
  g.op({ type: 'RESHAPE', inputs: [sum, shape], outputs: [flatSum], options: {} }); // sum dies here
  g.output(flat).output(flatSum);
  const graph = g.build();
  const plan = planMemory(graph, shapesOf(graph));
  const entry = (tensor: number) => plan.entries.find((e) => e.tensor === tensor)!;
  assert.equal(entry(flat).aliasOf, undefined);
  assert.equal(entry(flatSum).aliasOf, sum);
  assert.equal(entry(flatSum).offset, entry(sum).offset);
  // x (ops -1..1), flat (0..2) and the sum block (1..2) are all alive at op 1: 3 x 32 bytes (24 aligned up).
  assert.equal(plan.arenaBytes, 3 * 32 - 8);
  assert.equal(entry(flat).lastOp, 2, 'graph outputs live to the last op');
});

test('graph outputs and constants are never taken over in place', () => {
  const g = new GraphBuilder();
  const x = g.input([1, 4]);
  const y = g.tensor([1, 4]);
  const c = g.floats([1, 4], [1, 2, 3, 4]);
  const z = g.tensor([1, 4]);
  g.op({ type: 'TANH', inputs: [x], outputs: [y], options: {} });
  g.op({ type: 'RELU', inputs: [c], outputs: [z], options: {} });
  const w = g.tensor([1, 4]);
  g.op({ type: 'LOGISTIC', inputs: [y], outputs: [w], options: {} });
  g.output(y).output(z).output(w);
  const graph = g.build();
  const plan = planMemory(graph, shapesOf(graph));
  assert.ok(plan.entries.every((entry) => entry.aliasOf === undefined || entry.aliasOf === x));
  assert.equal(
    plan.entries.find((entry) => entry.tensor === y)?.aliasOf,
    x,
    'tanh takes over the input it consumes last',
  );
  assert.equal(plan.entries.find((entry) => entry.tensor === w)?.aliasOf, undefined, 'y is a graph output');
});

test('variables get their own aligned region; GRU scratch lives during its op only', () => {
  const g = new GraphBuilder();
  const x = g.input([2, 5, 3]);
  const state = g.variable([2, 3]);
  const h = g.tensor([2, 3]);
  const out = g.tensor([2, 3]);
  const w = g.floats([9, 3], new Array(27).fill(0));
  const u = g.floats([9, 3], new Array(27).fill(0));
  const b = g.floats([9], new Array(9).fill(0));
  g.op({
    type: 'GRU',
    inputs: [x, w, u, b, b, state],
    outputs: [h],
    options: { resetAfter: true, timeMajor: false, returnSequences: false },
  });
  g.op({ type: 'ADD', inputs: [h, h], outputs: [out], options: { fusedActivation: 'NONE' } });
  const cellState = g.variable([2, 5]);
  g.output(out);
  const graph = g.build();
  const plan = planMemory(graph, shapesOf(graph));
  assert.deepEqual(plan.variables, [
    { tensor: state, offset: 0, bytes: 24 },
    { tensor: cellState, offset: 32, bytes: 40 },
  ]);
  assert.equal(plan.variableBytes, 72);
  // The GRU's scratch: both projections of one step, 2 x 3 gates x 3 units floats = 72 bytes.
  assert.deepEqual(plan.scratch, [{ op: 0, offset: 128, bytes: 72 }]);
  // Largest first: x 0..120; the scratch (op 0) above it at 128..200; h (ops 0..1) above both
  // at 208..232; out (op 1) only meets h, so it takes x's old bytes at 0.
  const offsetOf = (tensor: number) => plan.entries.find((entry) => entry.tensor === tensor)!.offset;
  assert.deepEqual([offsetOf(x), offsetOf(h), offsetOf(out)], [0, 208, 0]);
  assert.equal(plan.arenaBytes, 232);
});

test('a chain whose neighbours alternate sides packs into exactly the peak of live bytes', () => {
  // Greedy-by-size first-fit alone puts the 98s and the 99 on three levels (1176 bytes);
  // alternating bottom / top needs only the largest neighbouring pair: 99·4 + 98·4 rounded = 400 + 400.
  const sizes = [12, 94, 98, 98, 98, 99, 57, 100];
  const g = new GraphBuilder();
  let previous = g.input([1, sizes[0]]);
  for (const size of sizes.slice(1)) {
    const next = g.tensor([1, size]);
    const weights = g.floats([size, 1], new Array(size).fill(0));
    g.op({
      type: 'FULLY_CONNECTED',
      inputs: [previous, weights, -1],
      outputs: [next],
      options: NO_ACTIVATION,
    });
    previous = next;
  }
  const graph = g.output(previous).build();
  const plan = planMemory(graph, shapesOf(graph));
  // Live pairs (bytes, 16-aligned): 57·4=228->240 with 100·4=400 gives 640; 99·4=396->400 with 98·4=392->400 gives 800.
  assert.equal(plan.arenaBytes, 800);
});

test('planner errors name the op and the tensor', () => {
  const g = new GraphBuilder();
  const x = g.input([1, 4]);
  const ghost = g.tensor([1, 4]);
  g.op({
    type: 'ADD',
    inputs: [x, ghost],
    outputs: [g.tensor([1, 4])],
    options: { fusedActivation: 'NONE' },
  });
  const graph = g.output(2).build();
  assert.throws(
    () => planMemory(graph, shapesOf(graph)),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      /op 0 \(ADD\) input 1/.test(error.oneLine()) &&
      /'t1'/.test(error.message),
  );
  assert.throws(() => planMemory(graph, shapesOf(graph), { alignment: 12 }), /not a power of two/);
  assert.throws(() => planMemory(graph, []), /shapes given/);
});
