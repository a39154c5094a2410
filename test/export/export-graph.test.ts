import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportGraph } from '../../src/export/export-model.js';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { FloatRunner } from '../../src/runtime/float-runner.js';
import { presetModel } from '../graph/model-fixtures.js';
import { toyWindows } from '../train/fixtures.js';

const STEPS = 16;

test('a float cnn1d model exported as .tflite reads back to the same outputs', async () => {
  const graph = lowerModel(presetModel('cnn1d-small', STEPS, 1, 2).model);
  const dir = await mkdtemp(join(tmpdir(), 'edgeforge-export-'));
  const out = join(dir, 'model.tflite');
  const result = await exportGraph(graph, { format: 'tflite', out, name: 'model' });
  assert.equal(result.int8, false);
  assert.equal(result.bytes, (await readFile(out)).length);
  assert.ok(result.arenaBytes > 0);
  assert.equal(result.verification.windows, 64);
  assert.ok(result.verification.passed, `max diff ${result.verification.maxAbsDiff}`);
  assert.ok(result.verification.maxAbsDiff <= 1e-5);
  assert.deepEqual(await readdir(dir), ['model.tflite'], 'no temp file is left behind');
});

test('--int8 quantizes with training windows, and the int8 file reads back bit for bit', async () => {
  const graph = lowerModel(presetModel('cnn1d-small', STEPS, 1, 2).model);
  const train = toyWindows(40, STEPS, 3);
  const test = toyWindows(12, STEPS, 4);
  const dir = await mkdtemp(join(tmpdir(), 'edgeforge-export-'));
  const out = join(dir, 'model-int8.tflite');
  const result = await exportGraph(graph, {
    format: 'tflite',
    out,
    name: 'model',
    quantize: { train, io: 'int8' },
    verification: test,
  });
  assert.equal(result.int8, true);
  assert.equal(result.verification.windows, 12);
  assert.equal(result.verification.tolerance, 0);
  assert.equal(result.verification.maxAbsDiff, 0);
  const reread = readTflite(await readFile(out), out);
  assert.equal(reread.tensors[reread.inputs[0]].dtype, 'int8');
  // The int8 model agrees with the float one on the predicted class for most windows.
  const float = new FloatRunner(graph);
  const int8 = new FloatRunner(reread);
  let agree = 0;
  for (let w = 0; w < test.count; w++) {
    const window = test.x.subarray(w * STEPS, (w + 1) * STEPS);
    float.input.set(window);
    int8.input.set(window);
    const [a, b] = [float.run(), int8.run()];
    assert.ok(Math.abs(a[0] - b[0]) < 0.05, `window ${w}: float ${a[0]} vs int8 ${b[0]}`);
    if (a[0] > 0.5 === b[0] > 0.5) agree++;
  }
  assert.ok(agree >= 11);
});

test('.onnx exports, float and int8, are verified in onnxruntime-node', async () => {
  const graph = lowerModel(presetModel('cnn1d-small', STEPS, 1, 2).model);
  const dir = await mkdtemp(join(tmpdir(), 'edgeforge-export-'));
  const float = await exportGraph(graph, { format: 'onnx', out: join(dir, 'm.onnx'), name: 'm' });
  assert.match(float.verification.runtime, /^onnxruntime-node/);
  assert.ok(float.verification.maxAbsDiff <= 1e-5);
  const int8 = await exportGraph(graph, {
    format: 'onnx',
    out: join(dir, 'm-int8.onnx'),
    name: 'm',
    quantize: { train: toyWindows(40, STEPS, 3), io: 'float' },
    verification: toyWindows(12, STEPS, 4),
  });
  assert.equal(int8.int8, true);
  assert.ok(int8.verification.passed);
  assert.ok(int8.bytes < float.bytes);
});

test('C exports, float and int8, are compiled on this host and run to the runtime outputs', async () => {
  const graph = lowerModel(presetModel('cnn1d-small', STEPS, 1, 2).model);
  const dir = await mkdtemp(join(tmpdir(), 'edgeforge-export-'));
  const float = await exportGraph(graph, { format: 'c', out: join(dir, 'float-c'), name: 'demo' });
  assert.match(float.verification.runtime, /gcc/);
  assert.ok(float.verification.maxAbsDiff <= 1e-5);
  assert.deepEqual((await readdir(join(dir, 'float-c'))).sort(), [
    'Makefile',
    'README.md',
    'demo.c',
    'demo.h',
    'main.c',
  ]);
  const int8 = await exportGraph(graph, {
    format: 'c',
    out: join(dir, 'int8-c'),
    name: 'demo',
    quantize: { train: toyWindows(40, STEPS, 3), io: 'int8' },
    verification: toyWindows(12, STEPS, 4),
  });
  assert.equal(int8.verification.windows, 12);
  assert.equal(int8.verification.maxAbsDiff, 0);
  assert.equal(int8.arenaBytes < float.arenaBytes, true);
});
