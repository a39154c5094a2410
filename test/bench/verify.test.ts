import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOutput, encodeInput } from '../../src/bench/io-codec.js';
import { verifyOutputs } from '../../src/bench/verify.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { postTrainingInt8 } from '../../src/quant/post-training.js';
import { SMALL_CONV } from '../compress/fixtures.js';
import { untrainedModel } from '../graph/model-fixtures.js';
import { toyWindows } from '../train/fixtures.js';

const windows = toyWindows(32, 32, 3);
const float = lowerModel(untrainedModel(SMALL_CONV, 32, 1, 'binary', ['0', '1']).model);
const int8Io = postTrainingInt8(float, windows, { io: 'int8' });
const floatIo = postTrainingInt8(float, windows, { io: 'float' });
const scaleOf = (graph: Graph, tensor: number): number => graph.tensors[tensor]!.quantization!.scale[0]!;

test('float outputs: within 1e-5 of the runtime passes, further fails', () => {
  const reference = Float32Array.of(0.25, 0.75);
  assert.deepEqual(verifyOutputs(float, reference, Float32Array.of(0.25, 0.750004)).passed, true);
  const far = verifyOutputs(float, reference, Float32Array.of(0.25, 0.7501));
  assert.equal(far.passed, false);
  assert.equal(far.tolerance, 1e-5);
  assert.ok(Math.abs(far.maxAbsDiff - 1e-4) < 1e-7);
});

test("int8 outputs: one step of the output's scale, also behind a final DEQUANTIZE", () => {
  const step = scaleOf(int8Io, int8Io.outputs[0]!);
  const check = verifyOutputs(int8Io, Float32Array.of(0.5), Float32Array.of(0.5 + step));
  assert.ok(check.passed && Math.abs(check.tolerance - step * 1.001) < 1e-12);
  assert.equal(verifyOutputs(int8Io, Float32Array.of(0.5), Float32Array.of(0.5 + 2 * step)).passed, false);
  const dequantize = floatIo.ops.find((op) => op.outputs.includes(floatIo.outputs[0]!))!;
  assert.equal(dequantize.type, 'DEQUANTIZE');
  const floatIoStep = scaleOf(floatIo, dequantize.inputs[0]!);
  assert.ok(
    Math.abs(verifyOutputs(floatIo, Float32Array.of(0), Float32Array.of(0)).tolerance - floatIoStep * 1.001) <
      1e-12,
  );
});

test('int8 input and output: quantized and dequantized with their own scale and zero point', () => {
  const input = int8Io.tensors[int8Io.inputs[0]!]!.quantization!;
  const [scale, zeroPoint] = [input.scale[0]!, input.zeroPoint[0]!];
  // Values in steps of the scale round to the nearest step; far values saturate.
  const encoded = encodeInput(int8Io, Float32Array.of(2.6 * scale, -2.4 * scale, 1000, -1000));
  assert.ok(encoded instanceof Int8Array);
  assert.deepEqual(Array.from(encoded), [zeroPoint + 3, zeroPoint - 2, 127, -128]);
  const output = int8Io.tensors[int8Io.outputs[0]!]!.quantization!;
  const decoded = decodeOutput(int8Io, Int8Array.of(output.zeroPoint[0]! + 4));
  assert.ok(Math.abs(decoded[0]! - 4 * output.scale[0]!) < 1e-9);
  assert.equal(encodeInput(float, Float32Array.of(0.3))[0], Math.fround(0.3));
});
