import assert from 'node:assert/strict';
import { mkdtemp, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { configSchema } from '../../src/config/schema.js';
import { runPipeline } from '../../src/pipeline/run.js';

async function tinyConfig(): Promise<ReturnType<typeof configSchema.parse>> {
  const dir = await mkdtemp(join(tmpdir(), 'edgeforge-resume-'));
  return configSchema.parse({
    name: 'tiny',
    output: join(dir, 'run'),
    data: {
      file: join(dir, 'bearing.csv'),
      synthesize: { layout: 'wide', rows: 300, length: 16, seed: 1, classes: 'binary' },
      label: 'fault_label',
      ignore: ['fault_name'],
      split: { train: 0.6, validation: 0.2, test: 0.2, seed: 1 },
    },
    train: { preset: 'mlp', epochs: 1, batchSize: 32, seed: 1 },
    compress: { variants: ['float32', 'int8'], latencyRuns: 5, calibration: { size: 50 } },
    export: { formats: ['tflite', 'onnx'], verifyWindows: 8 },
  });
}

test('a second run reuses finished stages; changing a section redoes it and what follows', async () => {
  const config = await tinyConfig();
  const first = await runPipeline(config);
  assert.deepEqual(
    first.stages.map((s) => [s.stage, s.reused]),
    [
      ['data', false],
      ['train', false],
      ['compress', false],
      ['export', false],
    ],
  );
  assert.deepEqual(
    first.export!.exports.map((e) => [e.variant, e.format, e.status]),
    [
      ['float32', 'tflite', 'ok'],
      ['float32', 'onnx', 'ok'],
      ['int8', 'tflite', 'ok'],
      ['int8', 'onnx', 'ok'],
    ],
  );
  const model = first.train!.model;
  const written = (await stat(model)).mtimeMs;

  const second = await runPipeline(config);
  assert.deepEqual(
    second.stages.map((s) => s.reused),
    [true, true, true, true],
  );
  assert.deepEqual(second.train, first.train);
  assert.deepEqual(second.compress, first.compress);
  assert.deepEqual(
    first.compress!.variants.map((v) => v.name),
    ['float32', 'int8'],
  );
  assert.equal((await stat(model)).mtimeMs, written, 'model.json is not rewritten');

  const retrain = await runPipeline({ ...config, train: { ...config.train!, seed: 2 } });
  assert.deepEqual(
    retrain.stages.map((s) => s.reused),
    [true, false, false, false],
  );

  // A changed data file invalidates the data stage and everything after it.
  const later = new Date(Date.now() + 5000);
  await utimes(config.data.file, later, later);
  const fresh = await runPipeline(config);
  assert.deepEqual(
    fresh.stages.map((s) => s.reused),
    [false, false, false, false],
  );
});
