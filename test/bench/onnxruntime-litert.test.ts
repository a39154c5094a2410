import { allowedSteps } from '../../src/export/onnx/step-tolerance.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { benchVariants } from '../../src/bench/index.js';
import { writeOnnx, writeOnnxFile } from '../../src/export/onnx/index.js';
import { writeTflite } from '../../src/export/tflite/write/write-tflite.js';
import { assertScoresOfRuntime, assertTimed, benchFixture, byVariant } from './fixture.js';

const fixture = await benchFixture();
// The float variant comes with an exported .onnx (as the export stage writes it); the int8 one is written by the bench.
const floatOnnx = join(fixture.dir, 'float32.onnx');
await writeOnnxFile(fixture.graphs.float32, floatOnnx);
const variants = fixture.variants.map((variant) =>
  variant.name === 'float32' ? { ...variant, exports: { onnx: floatOnnx } } : variant,
);

const results = await benchVariants({
  model: 'model.json',
  spec: { task: 'binary' },
  test: fixture.test,
  variants,
  reports: [],
  runners: ['onnxruntime', 'litert'],
  runs: 25,
  batch: 3,
  batchRuns: 5,
});
const cells = (runner: string) => results.cells.filter((cell) => cell.runner === runner);

test('onnxruntime: the exported .onnx is run, float within 1e-5 of the runtime with its scores', () => {
  const float = byVariant(cells('onnxruntime'), 'float32');
  assert.equal(float.status, 'ok', float.reason);
  assert.equal(float.file, floatOnnx);
  assertTimed(float, 25, { size: 3, runs: 5 });
  assert.equal(float.memory!.modelBytes, writeOnnx(fixture.graphs.float32).length);
  assert.ok(float.verified!.passed && float.verified!.maxAbsDiff <= 1e-5);
  assertScoresOfRuntime(float, fixture);
});

test('onnxruntime: an int8 variant without an export is written and run, checked in output steps', () => {
  const int8 = byVariant(cells('onnxruntime'), 'int8');
  assert.equal(int8.status, 'ok', int8.reason);
  assert.ok(int8.file!.endsWith('int8.onnx'));
  assertTimed(int8, 25, { size: 3, runs: 5 });
  assert.equal(int8.memory!.modelBytes, writeOnnx(fixture.graphs.int8).length);
  // ONNX Runtime's allowance: its own step plus one input step carried through the output sigmoid.
  const graph = fixture.graphs.int8;
  const step = graph.tensors[graph.outputs[0]!]!.quantization!.scale[0]!;
  const steps = allowedSteps(graph, graph.outputs[0]!);
  assert.ok(steps > 1);
  assert.ok(Math.abs(int8.verified!.tolerance - step * (steps + 1e-3)) < 1e-12);
  assert.ok(int8.verified!.passed, `differs by ${int8.verified!.maxAbsDiff}`);
  assert.ok(int8.accuracy!.accuracy >= 0 && int8.accuracy!.accuracy <= 1);
});

test('litert: float .tflite at the runtime outputs and scores; int8 unsupported with the reason', () => {
  const float = byVariant(cells('litert'), 'float32');
  assert.equal(float.status, 'ok', float.reason);
  assertTimed(float, 25, { size: 3, runs: 5 });
  assert.equal(float.memory!.modelBytes, writeTflite(fixture.graphs.float32).bytes.length);
  assert.ok(float.verified!.passed && float.verified!.maxAbsDiff <= 1e-5);
  assertScoresOfRuntime(float, fixture);
  const int8 = byVariant(cells('litert'), 'int8');
  assert.equal(int8.status, 'unsupported');
  assert.match(int8.reason!, /LiteRT\.js takes only float32 tensors.*int8/);
  assert.equal(int8.latency, undefined);
});
