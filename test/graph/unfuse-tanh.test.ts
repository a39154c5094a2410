import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasFusedTanh, unfuseTanh } from '../../src/graph/rewrite/unfuse-tanh.js';
import { GraphBuilder } from '../runtime/graph-builder.js';

test('a fused TANH becomes the op with no activation, then a TANH into the original output', () => {
  const g = new GraphBuilder();
  const input = g.input([1, 3]);
  const weights = g.floats([2, 3], [1, 0, 0, 0, 1, 0]);
  const hidden = g.tensor([1, 2]);
  const output = g.tensor([1, 2]);
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [input, weights, -1],
    outputs: [hidden],
    options: { fusedActivation: 'TANH', keepNumDims: false },
  });
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [hidden, weights, -1],
    outputs: [output],
    options: { fusedActivation: 'RELU', keepNumDims: false },
  });
  g.output(output);
  const before = g.build();
  const after = unfuseTanh(before);

  assert.deepEqual(
    after.ops.map((op) => op.type),
    ['FULLY_CONNECTED', 'TANH', 'FULLY_CONNECTED'],
  );
  // The pre-activation tensor of t2 is appended after the four existing tensors (index 4).
  assert.equal(after.tensors.length, 5);
  assert.deepEqual(after.tensors[4], { name: 't2/pre_tanh', shape: [1, 2], dtype: 'float32' });
  assert.deepEqual(after.ops[0].outputs, [4]);
  assert.deepEqual(after.ops[0].options, { fusedActivation: 'NONE', keepNumDims: false });
  assert.deepEqual(after.ops[1], { type: 'TANH', inputs: [4], outputs: [2], options: {} });
  assert.deepEqual(after.ops[2], before.ops[1]);
  // The input graph is left as it was.
  assert.equal(before.tensors.length, 4);
  assert.equal(before.ops.length, 2);
});

test("an LSTM's TANH is its cell activation and stays; a graph without fused TANH is returned as is", () => {
  const g = new GraphBuilder();
  const input = g.input([1, 2, 1]);
  const output = g.tensor([1, 2, 1]);
  g.op({
    type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    inputs: [input],
    outputs: [output],
    options: { fusedActivation: 'TANH', cellClip: 0, projClip: 0, timeMajor: false },
  });
  g.output(output);
  const graph = g.build();
  assert.equal(hasFusedTanh(graph.ops[0]), false);
  assert.equal(unfuseTanh(graph), graph);
});
