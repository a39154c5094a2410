import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.js';

test('data synth then data inspect --json: the summary accounts for every row and split', async () => {
  const dir = await tempDir();
  const file = join(dir, 'bearing.csv');
  const synth = await runCli('data', 'synth', '--out', file, '--rows', '400', '--seed', '3', '--json');
  assert.equal(synth.code, 0, synth.err);
  assert.equal(JSON.parse(synth.out).rows, 400);

  const inspect = await runCli('data', 'inspect', file, '--label', 'fault_label', '--json');
  assert.equal(inspect.code, 0, inspect.err);
  const summary = JSON.parse(inspect.out);
  assert.equal(summary.ingest.rowsRead, 400);
  assert.equal(summary.ingest.rowsKept + summary.ingest.rowsDropped, 400);
  assert.equal(summary.steps, 64);
  assert.deepEqual(summary.classes, ['0', '1']);
  const { train, validation, test: testSplit } = summary.split.sizes;
  assert.equal(train + validation + testSplit, summary.ingest.rowsKept);
  assert.ok(summary.ingest.ignoredColumns.some((c: { name: string }) => c.name === 'fault_name'));
});

test('data inspect prints a human summary without --json', async () => {
  const dir = await tempDir();
  const file = join(dir, 'b.csv');
  assert.equal((await runCli('data', 'synth', '--out', file, '--rows', '200')).code, 0);
  const inspect = await runCli('data', 'inspect', file);
  assert.equal(inspect.code, 0, inspect.err);
  assert.match(inspect.out, /rows: 200 read, \d+ kept, \d+ dropped/);
  assert.match(inspect.out, /class\s+train\s+validation\s+test/);
});

test('bad usage exits 2, bad input exits 1 with one line naming the file, and nothing is written', async () => {
  const dir = await tempDir();
  const badFlag = await runCli('data', 'synth', '--out', join(dir, 'x.csv'), '--rows', 'many');
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.err, /--rows.*expected a whole number >= 1, got 'many'/);
  const unknown = await runCli('data', 'frobnicate');
  assert.equal(unknown.code, 2);
  const missing = await runCli('data', 'inspect', join(dir, 'nope.csv'));
  assert.equal(missing.code, 1);
  assert.equal(missing.err.trim().split('\n').length, 1);
  assert.match(missing.err, /nope\.csv/);
  const file = join(dir, 'b.csv');
  await runCli('data', 'synth', '--out', file, '--rows', '50');
  const wrongLabel = await runCli('data', 'inspect', file, '--label', 'fault_lable');
  assert.equal(wrongLabel.code, 1);
  assert.match(wrongLabel.err, /fault_label/);
  assert.deepEqual((await readdir(dir)).sort(), ['b.csv']);
});

test('--help works on every command and exits 0', async () => {
  for (const argv of [
    ['--help'],
    ['init', '--help'],
    ['run', '--help'],
    ['data', '--help'],
    ['data', 'synth', '--help'],
    ['data', 'inspect', '--help'],
  ]) {
    const result = await runCli(...argv);
    assert.equal(result.code, 0, argv.join(' '));
    assert.match(result.out, /Usage: edgeforge/);
  }
});

test('init writes a starter config that run accepts; a second init refuses to overwrite', async () => {
  const dir = await tempDir();
  const config = join(dir, 'edgeforge.yaml');
  const init = await runCli('init', config);
  assert.equal(init.code, 0, init.err);
  assert.match(await readFile(config, 'utf8'), /synthesize:/);
  const again = await runCli('init', config);
  assert.equal(again.code, 1);
  assert.match(again.err, /already exists.*--force/);
  const run = await runCli('run', config, '--json');
  assert.equal(run.code, 0, run.err);
  const result = JSON.parse(run.out);
  assert.equal(result.data.ingest.rowsRead, 6000);
  assert.ok(result.data.augment.added > 0);
  const summary = JSON.parse(await readFile(join(dir, 'runs', 'my-model', 'data', 'summary.json'), 'utf8'));
  assert.deepEqual(summary.split, result.data.split);
});
