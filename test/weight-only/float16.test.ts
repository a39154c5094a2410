/**
 * float16 weights: the graph pass (half bits feeding DEQUANTIZE, as the converter writes
 * float16 models), the runtime against a float reference within the half rounding bound,
 * the .efg round trip, and the .tflite layout (FLOAT16 buffers, DEQUANTIZE version 3).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import { FlatBuffer } from '../../src/export/tflite/schema/flat-buffer.js';
import { readModel } from '../../src/export/tflite/schema/model.js';
import { BUILTIN_CODE_OF } from '../../src/export/tflite/builtin-ops.js';
import { decodeGraph, encodeGraph } from '../../src/graph/format.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { graphStats } from '../../src/graph/stats.js';
import type { Graph } from '../../src/graph/types.js';
import { dynamicRangeGraph, float16Graph } from '../../src/quant/weight-only/index.js';
import { EdgeforgeError } from '../../src/errors.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { Random } from '../../src/util/random.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';
import { GraphBuilder } from '../runtime/graph-builder.js';

function outputs(graph: Graph, input: ArrayLike<number>, batch: number): Float32Array {
  const interpreter = new Interpreter(graph, { batch });
  interpreter.input().set(input);
  interpreter.invoke();
  return Float32Array.from(interpreter.output());
}

/** Relative rounding error of a normal float16 value: half a unit in the 11-bit significand. */
const HALF_EPSILON = 2 ** -11;

test('a FULLY_CONNECTED with float16 weights: DEQUANTIZE first, within the half rounding bound of the float reference', () => {
  const random = new Random(12);
  const [units, depth, batch] = [5, 12, 3];
  const weights = Float32Array.from({ length: units * depth }, () => random.normal(0, 1));
  const bias = Float32Array.from({ length: units }, () => random.uniform(-2, 2));
  const b = new GraphBuilder();
  const x = b.input([1, depth]);
  const y = b.tensor([1, units]);
  b.op({
    type: 'FULLY_CONNECTED',
    inputs: [x, b.constant([units, depth], weights), b.constant([units], bias)],
    outputs: [y],
    options: { fusedActivation: 'NONE', keepNumDims: false },
  });
  b.outputs.push(y);
  const half = float16Graph(b.build());
  assert.deepEqual(
    half.ops.map((op) => op.type),
    ['DEQUANTIZE', 'DEQUANTIZE', 'FULLY_CONNECTED'],
  );
  const stored = half.ops.slice(0, 2).map((op) => half.tensors[op.inputs[0]!]!);
  for (const tensor of stored) {
    assert.equal(tensor.dtype, 'float16');
    assert.ok(tensor.data instanceof Uint16Array);
  }
  // 1.0 would be 0x3c00: spot-check the encoding of one weight against its sign and exponent.
  const first = (stored[0]!.data as Uint16Array)[0]!;
  assert.equal(first >> 15, weights[0]! < 0 ? 1 : 0);
  assert.equal(((first >> 10) & 0x1f) - 15, Math.floor(Math.log2(Math.abs(weights[0]!))));

  const input = Array.from({ length: batch * depth }, () => random.normal(0, 1));
  const out = outputs(half, input, batch);
  for (let r = 0; r < batch; r++) {
    for (let o = 0; o < units; o++) {
      let expected = bias[o]!;
      let bound = Math.abs(bias[o]!) * HALF_EPSILON;
      for (let k = 0; k < depth; k++) {
        expected += weights[o * depth + k]! * input[r * depth + k]!;
        bound += Math.abs(weights[o * depth + k]! * input[r * depth + k]!) * HALF_EPSILON;
      }
      const error = Math.abs(out[r * units + o]! - expected);
      assert.ok(error <= bound + 1e-5, `row ${r} unit ${o}: ${error} > ${bound}`);
    }
  }
  // And it is not simply the float32 result: the weights really were rounded.
  const plain = outputs(b.build(), input, batch);
  assert.ok(
    out.some((value, i) => value !== plain[i]),
    'float16 rounding changes some output',
  );
});

test('float16 presets: weight bytes halved, outputs near float, .efg round trip identical', () => {
  for (const preset of ['lstm-tutorial', 'cnn1d-small', 'gru-small'] as const) {
    const float = lowerModel(presetModel(preset, 16, 3, 3).model);
    const half = float16Graph(float);
    const floatStats = graphStats(float);
    const halfStats = graphStats(half);
    assert.equal(halfStats.weightBytesByDtype.float32 ?? 0, 0, `${preset}: no float32 weights left`);
    // GRUs are unrolled first (per-step bias copies), so compare against the float parameters.
    assert.ok(halfStats.weightBytesByDtype.float16! >= floatStats.parameters * 2, preset);
    assert.ok(halfStats.weightBytes < floatStats.weightBytes * 0.6, `${preset} ${halfStats.weightBytes}`);
    for (const op of half.ops) {
      if (op.type === 'DEQUANTIZE') continue;
      for (const input of op.inputs) {
        if (input >= 0) assert.notEqual(half.tensors[input]!.dtype, 'float16');
      }
    }
    const input = randomInputs(2 * 48, 21);
    const expected = outputs(float, input, 2);
    const actual = outputs(half, input, 2);
    expected.forEach((value, i) => assert.ok(Math.abs(value - actual[i]!) < 2e-3, `${preset} ${i}`));
    const reread = decodeGraph(encodeGraph(half), `${preset}.efg`);
    assert.deepEqual(outputs(reread, input, 2), actual);
  }
});

test('a float16 graph is written as .tflite with FLOAT16 buffers read by DEQUANTIZE version 3', () => {
  const half = float16Graph(lowerModel(presetModel('cnn1d-small', 16, 3, 2).model));
  const written = writeTflite(half);
  assert.ok(
    written.warnings.some((warning) =>
      /^float16 weights: LiteRT runs this file, TensorFlow Lite Micro does not/.test(warning),
    ),
    written.warnings.join('; '),
  );
  const model = readModel(new FlatBuffer(written.bytes, 'half.tflite'));
  const [subgraph] = model.subgraphs;
  const dequantize = model.operatorCodes.findIndex((code) => code.builtinCode === BUILTIN_CODE_OF.DEQUANTIZE);
  assert.equal(model.operatorCodes[dequantize]!.version, 3);
  const readers = subgraph!.operators.filter((op) => op.opcodeIndex === dequantize);
  assert.equal(readers.length, half.ops.filter((op) => op.type === 'DEQUANTIZE').length);
  for (const op of readers) {
    const tensor = subgraph!.tensors[op.inputs[0]!]!;
    assert.equal(tensor.type, 1, 'TensorType FLOAT16');
    const count = tensor.shape.reduce((a, b) => a * b, 1);
    assert.equal(model.buffers[tensor.buffer]!.length, count * 2);
  }
  // Bytes are the half bits, little-endian.
  const op = readers[0]!;
  const graphTensor = half.tensors.find((tensor) => tensor.name === subgraph!.tensors[op.inputs[0]!]!.name)!;
  const bytes = model.buffers[subgraph!.tensors[op.inputs[0]!]!.buffer]!;
  const bits = graphTensor.data as Uint16Array;
  assert.equal(bytes[0]! | (bytes[1]! << 8), bits[0]);
});

test('weight-only passes refuse a graph that is not float32', () => {
  const half = float16Graph(lowerModel(presetModel('mlp', 8, 2, 2).model));
  for (const pass of [float16Graph, dynamicRangeGraph]) {
    assert.throws(
      () => pass(half),
      (error: unknown) =>
        error instanceof EdgeforgeError &&
        /needs a float32 graph; tensor '.*' \(#\d+\) is float16/.test(error.message),
    );
  }
});
