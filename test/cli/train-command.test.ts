import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel } from '../../src/train/model-file.js';
import { runCli, tempDir } from './helpers.js';

test('train from flags alone: --json has test.accuracy, test.f1, epochs[].seconds/samples and the model path', async () => {
  const dir = await tempDir();
  const data = join(dir, 'b.csv');
  assert.equal((await runCli('data', 'synth', '--out', data, '--rows', '600', '--seed', '5')).code, 0);
  const out = join(dir, 'model');
  const run = await runCli(
    'train',
    '--data',
    data,
    '--preset',
    'cnn1d-small',
    '--epochs',
    '2',
    '--out',
    out,
    '--json',
  );
  assert.equal(run.code, 0, run.err);
  const result = JSON.parse(run.out);
  assert.ok(result.test.accuracy >= 0 && result.test.accuracy <= 1);
  assert.ok(result.test.f1 >= 0 && result.test.f1 <= 1);
  assert.equal(result.epochs.length, 2);
  for (const epoch of result.epochs) {
    assert.ok(epoch.seconds > 0);
    assert.ok(epoch.samples > 0);
  }
  assert.equal(result.model, join(out, 'model.json'));

  // The saved model carries architecture, weights, preprocessing, label map, history and data summary.
  const model = await loadModel(result.model);
  assert.equal(model.architecture.layers[0]!.type, 'conv1d');
  assert.deepEqual(model.preprocessing.classes, ['0', '1']);
  assert.equal(model.preprocessing.scaler.center.length, 64);
  assert.equal(model.training.history.length, 2);
  assert.equal(model.data.ingest.rowsRead, 600);
});

test('train with a config: flags override the config; a rerun resumes from the checkpoint and stays identical', async () => {
  const dir = await tempDir();
  const config = join(dir, 'p.yaml');
  await writeFile(
    config,
    'name: p\ndata:\n  file: d.csv\n  synthesize: { rows: 300 }\ntrain:\n  preset: mlp\n  epochs: 5\n  batchSize: 16\n',
  );
  const first = await runCli('train', config, '--epochs', '2', '--json');
  assert.equal(first.code, 0, first.err);
  const result = JSON.parse(first.out);
  assert.equal(result.epochs.length, 2);
  assert.equal(result.preset, 'mlp');
  const modelText = await readFile(result.model, 'utf8');
  // Same command again: all epochs are in the checkpoint, so it resumes and changes nothing.
  const again = await runCli('train', config, '--epochs', '2', '--json');
  assert.equal(again.code, 0, again.err);
  assert.match(again.err, /resuming after 2 finished epoch/);
  const reloaded = JSON.parse(await readFile(result.model, 'utf8'));
  assert.deepEqual(reloaded.weights, JSON.parse(modelText).weights);
});

test('train refuses bad usage with exit code 2', async () => {
  assert.equal((await runCli('train')).code, 2);
  const badPreset = await runCli('train', '--data', 'x.csv', '--preset', 'resnet');
  assert.equal(badPreset.code, 2);
  assert.match(badPreset.err, /expected one of lstm-tutorial, gru-small, cnn1d-small, mlp, autoencoder/);
});
