/**
 * Recurrent and data-movement ops' ONNX form against hand-computed references: the LSTM and
 * GRU equations evaluated directly (each gate with its own weights, so a wrong gate order
 * shows), a reversed STRIDED_SLICE, PAD, CONCATENATION, SUB / MUL, SOFTMAX with beta and
 * REDUCE_MAX; and the writer's refusals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdgeforgeError, UsageError } from '../../src/errors.js';
import { writeOnnx, writeOnnxFile } from '../../src/export/onnx/index.js';
import { GraphBuilder } from '../runtime/graph-builder.js';
import { assertClose, runOnnx } from './run-onnx.js';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const xs = [0.7, -1.2];

test('LSTM: i, f, c, o gates reordered to ONNX i, o, f, c; every step returned', async () => {
  const [wi, wf, wc, wo, ui, uf, uc, uo, bi, bf, bc, bo] = [
    0.5, -0.4, 0.9, 0.3, 0.2, 0.6, -0.7, 0.8, 0.1, 0.4, -0.2, 0.05,
  ];
  let [h, c] = [0, 0];
  const expected = xs.map((x) => {
    const i = sigmoid(x * wi + h * ui + bi);
    const f = sigmoid(x * wf + h * uf + bf);
    const g = Math.tanh(x * wc + h * uc + bc);
    const o = sigmoid(x * wo + h * uo + bo);
    c = f * c + i * g;
    h = o * Math.tanh(c);
    return h;
  });
  const b = new GraphBuilder();
  const x = b.input([1, 2, 1]);
  const matrices = [wi, wf, wc, wo, ui, uf, uc, uo].map((w) => b.floats([1, 1], [w]));
  const biases = [bi, bf, bc, bo].map((v) => b.floats([1], [v]));
  const y = b.tensor([1, 2, 1]);
  const inputs = [
    x,
    ...matrices,
    -1,
    -1,
    -1,
    ...biases,
    -1,
    -1,
    b.variable([1, 1]),
    b.variable([1, 1]),
    -1,
    -1,
    -1,
    -1,
  ];
  b.op({
    type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    inputs,
    outputs: [y],
    options: { fusedActivation: 'TANH', cellClip: 0, projClip: 0, timeMajor: false },
  });
  const [out] = await runOnnx(b.output(y).build(), [xs]);
  assertClose(out!, expected, 'lstm');
});

test('GRU: Keras reset_after (linear_before_reset = 1), last step only', async () => {
  const [wz, wr, wh, uz, ur, uh] = [0.5, -0.8, 0.9, 0.3, 0.7, -0.6];
  const [bz, br, bh, rbz, rbr, rbh] = [0.1, -0.2, 0.3, 0.05, 0.15, -0.25];
  let h = 0;
  for (const x of xs) {
    const z = sigmoid(x * wz + bz + h * uz + rbz);
    const r = sigmoid(x * wr + br + h * ur + rbr);
    const candidate = Math.tanh(x * wh + bh + r * (h * uh + rbh));
    h = z * h + (1 - z) * candidate;
  }
  const b = new GraphBuilder();
  const x = b.input([1, 2, 1]);
  const y = b.tensor([1, 1]);
  const inputs = [
    x,
    b.floats([3, 1], [wz, wr, wh]),
    b.floats([3, 1], [uz, ur, uh]),
    b.floats([3], [bz, br, bh]),
    b.floats([3], [rbz, rbr, rbh]),
    b.variable([1, 1]),
  ];
  b.op({
    type: 'GRU',
    inputs,
    outputs: [y],
    options: { resetAfter: true, timeMajor: false, returnSequences: false },
  });
  const [out] = await runOnnx(b.output(y).build(), [xs]);
  assertClose(out!, [h], 'gru');
});

test('STRIDED_SLICE backwards with a masked end, and a shrunk axis', async () => {
  const b = new GraphBuilder();
  const x = b.input([1, 4]);
  const reversed = b.tensor([1, 4]);
  const second = b.tensor([1]);
  const masks = { ellipsisMask: 0, newAxisMask: 0 };
  b.op({
    type: 'STRIDED_SLICE',
    inputs: [x, b.ints([0, -1]), b.ints([1, 0]), b.ints([1, -1])],
    outputs: [reversed],
    options: { ...masks, beginMask: 1, endMask: 3, shrinkAxisMask: 0 },
  });
  b.op({
    type: 'STRIDED_SLICE',
    inputs: [x, b.ints([0, 1]), b.ints([1, 2]), b.ints([1, 1])],
    outputs: [second],
    options: { ...masks, beginMask: 1, endMask: 1, shrinkAxisMask: 2 },
  });
  const [backwards, picked] = await runOnnx(b.output(reversed).output(second).build(), [[1, 2, 3, 4]]);
  assertClose(backwards!, [4, 3, 2, 1], 'reversed');
  assertClose(picked!, [2], 'shrunk');
});

test('PAD, CONCATENATION, SUB, MUL, SOFTMAX with beta and REDUCE_MAX', async () => {
  const b = new GraphBuilder();
  const x = b.input([1, 2]);
  const padded = b.tensor([1, 4]);
  b.op({
    type: 'PAD',
    inputs: [x, b.constant([2, 2], Int32Array.from([0, 0, 1, 1]))],
    outputs: [padded],
    options: {},
  });
  const joined = b.tensor([1, 6]);
  b.op({
    type: 'CONCATENATION',
    inputs: [padded, x],
    outputs: [joined],
    options: { axis: 1, fusedActivation: 'NONE' },
  });
  const difference = b.tensor([1, 2]);
  b.op({
    type: 'SUB',
    inputs: [x, b.floats([2], [1, 1])],
    outputs: [difference],
    options: { fusedActivation: 'RELU' },
  });
  const product = b.tensor([1, 2]);
  b.op({ type: 'MUL', inputs: [x, x], outputs: [product], options: { fusedActivation: 'NONE' } });
  const probabilities = b.tensor([1, 2]);
  b.op({ type: 'SOFTMAX', inputs: [x], outputs: [probabilities], options: { beta: 2 } });
  const largest = b.tensor([1, 1]);
  b.op({ type: 'REDUCE_MAX', inputs: [x, b.ints([1])], outputs: [largest], options: { keepDims: true } });
  const graph = [joined, difference, product, probabilities, largest]
    .reduce((g, t) => g.output(t), b)
    .build();
  const half = Math.log(2) / 2;
  const [cat, sub, mul, soft, max] = await runOnnx(graph, [[0, half]]);
  assertClose(cat!, [0, 0, half, 0, 0, half], 'pad + concat');
  assertClose(sub!, [0, 0], 'sub + relu');
  assertClose(mul!, [0, half * half], 'mul');
  // softmax(2 · [0, ln2 / 2]) = softmax([0, ln 2]) = [1/3, 2/3].
  assertClose(soft!, [1 / 3, 2 / 3], 'softmax');
  assertClose(max!, [half], 'reduce max');
});

test('writeOnnxFile writes the whole model atomically; bad opsets and int16 activations are refused', async () => {
  const b = new GraphBuilder();
  const x = b.input([1, 2]);
  const y = b.tensor([1, 2]);
  b.op({ type: 'RELU', inputs: [x], outputs: [y], options: {} });
  const graph = b.output(y).build();
  const folder = await mkdtemp(join(tmpdir(), 'edgeforge-onnx-'));
  try {
    const file = join(folder, 'model.onnx');
    const size = await writeOnnxFile(graph, file);
    assert.deepEqual(new Uint8Array(await readFile(file)), writeOnnx(graph));
    assert.equal(size, (await readFile(file)).length);
    assert.deepEqual(await readdir(folder), ['model.onnx']);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  assert.throws(
    () => writeOnnx(graph, { opset: 12 }),
    (error) => error instanceof UsageError && /opset 12/.test(error.message),
  );
  graph.tensors[y] = { ...graph.tensors[y]!, dtype: 'int16', quantization: { scale: [1], zeroPoint: [0] } };
  assert.throws(
    () => writeOnnx(graph),
    (error) => error instanceof EdgeforgeError && /int16/.test(error.message),
  );
});
