import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { runCli, tempDir } from './helpers.js';

let dir = '';
let data = '';
let model = '';

before(async () => {
  dir = await tempDir('edgeforge-export-');
  data = join(dir, 'b.csv');
  assert.equal(
    (await runCli('data', 'synth', '--out', data, '--rows', '400', '--length', '32', '--seed', '3')).code,
    0,
  );
  const trained = await runCli(
    'train',
    '--data',
    data,
    '--preset',
    'cnn1d-small',
    '--epochs',
    '1',
    '--out',
    join(dir, 'm'),
    '--json',
  );
  assert.equal(trained.code, 0, trained.err);
  model = JSON.parse(trained.out).model as string;
});

test('export --format tflite writes the float file beside the model and says how it was verified', async () => {
  const run = await runCli('export', model, '--format', 'tflite');
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /wrote .*model\.tflite \(tflite, float32, \d+ bytes; arena \d+ bytes\)/);
  assert.match(run.out, /verified with edgeforge runtime on the re-read \.tflite on 64 windows/);
  const graph = readTflite(await readFile(join(dir, 'm', 'model.tflite')));
  assert.equal(graph.tensors[graph.inputs[0]].dtype, 'float32');
});

test('export --int8 --data calibrates on the training split and verifies on the test split', async () => {
  const out = join(dir, 'int8.tflite');
  const run = await runCli(
    'export',
    model,
    '--format',
    'tflite',
    '--int8',
    '--data',
    data,
    '--out',
    out,
    '--json',
  );
  assert.equal(run.code, 0, run.err);
  const result = JSON.parse(run.out);
  assert.equal(result.int8, true);
  assert.equal(result.path, out);
  assert.equal(result.verification.maxAbsDiff, 0);
  assert.equal(result.verification.passed, true);
  // 400 rows, 20 % test split.
  assert.equal(result.verification.windows, 64);
  const graph = readTflite(await readFile(out));
  assert.equal(graph.tensors[graph.inputs[0]].dtype, 'int8');
});

test('bad export requests fail with one line and write nothing', async () => {
  const before = (await readdir(join(dir, 'm'))).sort();
  const noData = await runCli(
    'export',
    model,
    '--format',
    'tflite',
    '--int8',
    '--out',
    join(dir, 'm', 'x.tflite'),
  );
  assert.equal(noData.code, 2);
  assert.match(noData.err, /--int8 on a float model needs calibration data.*--data/);
  const badFormat = await runCli('export', model, '--format', 'tflight');
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.err, /expected one of tflite/);
  const missing = await runCli('export', join(dir, 'nope.json'), '--format', 'tflite');
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nope\.json.*not found/);
  assert.deepEqual((await readdir(join(dir, 'm'))).sort(), before);
});
