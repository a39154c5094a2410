/**
 * The shared GRU rewrite on its own: float graph -> float graph of builtins computing what
 * the GRU op computes, at any batch; recurrent matrices shared by the steps, the candidate
 * bias one constant per step (int8 gives each step's bias its own scale); the state gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { unrollGrus } from '../../src/graph/rewrite/unroll-gru.js';
import type { Graph } from '../../src/graph/types.js';
import { validateGraph } from '../../src/graph/validate.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';

const STEPS = 6;
const CHANNELS = 2;

function run(graph: Graph, batch: number, input: Float32Array): Float32Array {
  const interpreter = new Interpreter(graph, { batch });
  interpreter.input().set(input);
  interpreter.invoke();
  return Float32Array.from(interpreter.output());
}

test('unrolled GRUs compute what the GRU op computes, at batch 1 and 4', () => {
  const { model, network } = presetModel('gru-small', STEPS, CHANNELS, 3);
  const graph = lowerModel(model);
  const unrolled = unrollGrus(graph);
  validateGraph(unrolled);
  assert.ok(!unrolled.ops.some((op) => op.type === 'GRU'), 'no GRU op left');
  assert.ok(!unrolled.tensors.some((tensor) => tensor.variable === true), 'no state variable left');
  for (const batch of [1, 4]) {
    const input = randomInputs(batch * STEPS * CHANNELS, 30 + batch);
    const expected = network.forward(input, batch);
    const actual = run(unrolled, batch, input);
    actual.forEach((value, i) =>
      assert.ok(
        Math.abs(value - expected[i]!) <= 1e-5,
        `batch ${batch} output ${i}: ${value} vs ${expected[i]}`,
      ),
    );
  }
});

test('the steps share the recurrent matrices; each step has its own candidate bias', () => {
  const graph = lowerModel(presetModel('gru-small', STEPS, CHANNELS, 3).model);
  const unrolled = unrollGrus(graph);
  const name = (tensor: number) => unrolled.tensors[tensor]!.name;
  const recurrentProducts = unrolled.ops.filter(
    (op) => op.type === 'FULLY_CONNECTED' && /recurrent_kernel_h$/.test(name(op.inputs[1]!)),
  );
  // Steps 2..T read the state: one U_h product each, all through the same matrix.
  assert.equal(recurrentProducts.length, STEPS - 1);
  assert.equal(new Set(recurrentProducts.map((op) => op.inputs[1])).size, 1);
  assert.equal(new Set(recurrentProducts.map((op) => op.inputs[2])).size, STEPS - 1);
  const biasNames = unrolled.tensors.filter((tensor) => /recurrent_bias_h$/.test(tensor.name));
  assert.equal(biasNames.length, STEPS);
});

test('a graph without GRUs comes back as it is; a time-major GRU is refused naming the op', () => {
  const mlp = lowerModel(presetModel('mlp', STEPS, CHANNELS, 2).model);
  assert.equal(unrollGrus(mlp), mlp);
  const graph = lowerModel(presetModel('gru-small', STEPS, CHANNELS, 2).model);
  const timeMajor = {
    ...graph,
    ops: graph.ops.map((op) =>
      op.type === 'GRU' ? { ...op, options: { ...op.options, timeMajor: true } } : op,
    ),
  };
  assert.throws(
    () => unrollGrus(timeMajor, 'gru.efg'),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      /^gru\.efg: op \d+ GRU: only a float32, batch-major GRU/.test(error.oneLine()),
  );
});
