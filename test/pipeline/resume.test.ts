import assert from 'node:assert/strict';
import { stat, utimes } from 'node:fs/promises';
import { test } from 'node:test';
import { runPipeline } from '../../src/pipeline/run.js';
import { tinyPipelineConfig } from './tiny-config.js';

test('a second run reuses finished stages; changing a section redoes it and what follows', async () => {
  const config = await tinyPipelineConfig('edgeforge-resume-');
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
