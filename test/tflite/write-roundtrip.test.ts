/**
 * edgeforge -> .tflite -> edgeforge: every preset but gru-small, lowered, written and read
 * back, gives bit-identical outputs to the original graph (the same kernels compute the same
 * math), at batch 1 and, since a RESHAPE's batch is written as -1, at batch 3 too. GRUs are
 * unrolled into builtins, so they agree within float rounding, with the original graph and
 * with the trainer's own forward pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { PRESET_NAMES } from '../../src/train/presets.js';
import { presetModel, randomInputs, untrainedModel, type ModelFixture } from '../graph/model-fixtures.js';

function run(graph: Graph, batch: number, input: Float32Array): Float32Array {
  const interpreter = new Interpreter(graph, { batch });
  interpreter.input().set(input);
  interpreter.invoke();
  return Float32Array.from(interpreter.output());
}

const WRITABLE = PRESET_NAMES.filter((preset) => preset !== 'gru-small');

test('the presets written as .tflite and read back compute bit-identical outputs', () => {
  assert.ok(WRITABLE.length >= 5, `presets: ${WRITABLE.join(', ')}`);
  for (const preset of WRITABLE) {
    for (const [steps, channels, classes] of [
      [16, 3, 3],
      [12, 2, 2],
    ] as const) {
      const label = `${preset} ${steps}x${channels} ${classes} classes`;
      const original = lowerModel(presetModel(preset, steps, channels, classes).model);
      const written = writeTflite(original);
      const reread = readTflite(written.bytes, label);
      assert.deepEqual(
        reread.ops.map((op) => op.type),
        original.ops.map((op) => op.type),
        label,
      );
      for (const batch of [1, 3]) {
        const input = randomInputs(batch * steps * channels, steps + batch);
        const expected = run(original, batch, input);
        const actual = run(reread, batch, input);
        assert.deepEqual(actual, expected, `${label} batch ${batch}`);
        assert.ok(expected.every(Number.isFinite), label);
      }
      // Constants survive byte for byte (shape operands aside: their batch becomes -1).
      original.tensors.forEach((tensor, index) => {
        const copy = reread.tensors[index]!;
        assert.equal(copy.name, tensor.name, label);
        assert.deepEqual(copy.shape, tensor.shape, `${label} ${tensor.name}`);
        if (tensor.data !== undefined && tensor.dtype === 'float32') {
          assert.deepEqual(copy.data, tensor.data, `${label} ${tensor.name}`);
        }
        assert.equal(copy.variable === true, tensor.variable === true, `${label} ${tensor.name}`);
      });
    }
  }
});

test('a RESHAPE to [1, n] (1: the batch) comes back as [-1, n]', () => {
  const original = lowerModel(presetModel('mlp', 8, 2, 2).model);
  const reshape = original.ops.find((op) => op.type === 'RESHAPE')!;
  assert.deepEqual(Array.from(original.tensors[reshape.inputs[1]!]!.data!), [1, 16]);
  const reread = readTflite(writeTflite(original).bytes);
  const copy = reread.ops.find((op) => op.type === 'RESHAPE')!;
  assert.deepEqual(Array.from(reread.tensors[copy.inputs[1]!]!.data!), [-1, 16]);
  // The original graph is left as it was.
  assert.deepEqual(Array.from(original.tensors[reshape.inputs[1]!]!.data!), [1, 16]);
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

test('GRUs unrolled into builtins match the GRU op and the trainer within 1e-5', () => {
  const sequences = untrainedModel(
    [
      { type: 'gru', units: 5, returnSequences: true },
      { type: 'gru', units: 3 },
      { type: 'dense', units: 2, activation: 'softmax' },
    ],
    13,
    2,
    'multiclass',
    ['a', 'b'],
  );
  const fixtures: [string, ModelFixture][] = [
    ['gru-small', presetModel('gru-small', 16, 3, 3)],
    ['two GRUs, 13 steps, sequences', sequences],
  ];
  for (const [label, { model, network }] of fixtures) {
    const [steps, channels] = model.architecture.inputShape as [number, number];
    const original = lowerModel(model);
    const written = writeTflite(original);
    assert.ok(
      written.warnings.some((warning) => /GRU .* unrolled/.test(warning)),
      label,
    );
    const reread = readTflite(written.bytes, label);
    assert.ok(!reread.ops.some((op) => op.type === 'GRU'), label);
    // The GRU's state variable is gone: each step's state is an ordinary activation.
    assert.ok(
      original.tensors.some((tensor) => tensor.variable === true),
      label,
    );
    assert.ok(!reread.tensors.some((tensor) => tensor.variable === true), label);
    for (const batch of [1, 3]) {
      const input = randomInputs(batch * steps * channels, 40 + batch);
      const expected = run(original, batch, input);
      const actual = run(reread, batch, input);
      assert.ok(maxAbsDiff(actual, expected) <= 1e-5, `${label} batch ${batch} vs graph`);
      assert.ok(
        maxAbsDiff(actual, network.forward(input, batch)) <= 1e-5,
        `${label} batch ${batch} vs trainer`,
      );
    }
  }
});
