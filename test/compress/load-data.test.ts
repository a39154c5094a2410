import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModelData } from '../../src/compress/load-data.js';
import { EdgeforgeError } from '../../src/errors.js';
import type { TrainedModel } from '../../src/train/model-file.js';
import { tempDir, trainSmall } from './fixtures.js';

const dir = await tempDir();
const { file, prepared, model } = await trainSmall(join(dir, 'b.csv'), undefined, 1);

test("loadModelData re-cuts the training run's split exactly, scaled with the model's scaler", async () => {
  const data = await loadModelData(model, file);
  for (const split of ['train', 'validation', 'test'] as const) {
    // The data stage's own prepared split (no augmentation configured) is the reference.
    assert.equal(data[split].count, prepared[split].count, split);
    assert.deepEqual(Array.from(data[split].y), Array.from(prepared[split].y), split);
    assert.deepEqual(data[split].x, prepared[split].x, split);
  }
  // The kept windows cut 0.6 / 0.2 / 0.2 (stratified per class), not the default 0.7 / 0.1 / 0.2.
  const kept = model.data.ingest.rowsKept;
  assert.equal(data.train.count + data.validation.count + data.test.count, kept);
  assert.ok(Math.abs(data.validation.count - 0.2 * kept) <= 2);
});

test('a model whose summary does not record its split settings is refused when the defaults do not reproduce it', async () => {
  const old: TrainedModel = {
    ...model,
    data: { ...model.data, split: { ...model.data.split, settings: undefined } },
  };
  await assert.rejects(loadModelData(old, file), (error: unknown) => {
    assert.ok(error instanceof EdgeforgeError);
    assert.match(error.oneLine(), /b\.csv: the train split comes out as \d+ windows .* retrain it/);
    return true;
  });
});

test('data whose columns do not match the model is refused in one line naming the column', async () => {
  const text = await readFile(file, 'utf8');
  const renamed = join(dir, 'renamed.csv');
  await writeFile(renamed, text.replace(/^s0,/, 'x0,'));
  assert.ok(model.preprocessing.featureColumns.includes('s0'));
  await assert.rejects(loadModelData(model, renamed), (error: unknown) => {
    assert.ok(error instanceof EdgeforgeError);
    assert.match(error.oneLine(), /renamed\.csv: .*'s0'/);
    return true;
  });
});

test('a different file of the same shape is refused: its split does not match the recorded one', async () => {
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const fewer = join(dir, 'fewer.csv');
  await writeFile(fewer, `${lines.slice(0, 301).join('\n')}\n`);
  await assert.rejects(loadModelData(model, fewer), (error: unknown) => {
    assert.ok(error instanceof EdgeforgeError);
    assert.match(error.oneLine(), /fewer\.csv: the train split comes out as \d+ windows/);
    return true;
  });
});
