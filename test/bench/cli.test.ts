import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBench, type BenchResults } from '../../src/bench/index.js';
import { benchTable } from '../../src/bench/table.js';
import type { CompressReport } from '../../src/compress/index.js';
import { trainSectionSchema } from '../../src/config/train-schema.js';
import { prepareData } from '../../src/data/prepare.js';
import { runTrainStage } from '../../src/pipeline/train-stage.js';
import { runCli } from '../cli/helpers.js';
import { SMALL_CONV, synthSection, tempDir } from '../compress/fixtures.js';

// A run folder as the pipeline leaves it: train/ and compress/ (no export/: the bench writes what it runs).
const dir = await tempDir();
const dataFile = join(dir, 'b.csv');
const prepared = await prepareData(synthSection(dataFile, 240));
const section = trainSectionSchema.parse({
  layers: SMALL_CONV,
  task: 'binary',
  epochs: 1,
  checkpoint: false,
});
const { model: modelFile } = await runTrainStage(prepared, section, join(dir, 'train'));
const compressed = await runCli('compress', modelFile, '--variants', 'float32,int8');
assert.equal(compressed.code, 0, compressed.err);

test('bench RUN_DIR --json: every variant on the chosen runner at 200 runs, bench.json written, scores as compress measured', async () => {
  const run = await runCli('bench', dir, '--runners', 'edgeforge', '--batch', '8', '--json');
  assert.equal(run.code, 0, run.err);
  const results = JSON.parse(run.out) as BenchResults;
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'bench', 'bench.json'), 'utf8')), results);
  const compress = JSON.parse(
    await readFile(join(dir, 'compress', 'compress.json'), 'utf8'),
  ) as CompressReport;
  assert.equal(results.model, modelFile);
  assert.deepEqual(results.variants, compress.variants);
  assert.deepEqual(
    results.cells.map((cell) => [
      cell.runner,
      cell.variant,
      cell.status,
      cell.latency?.runs,
      cell.batch?.size,
    ]),
    [
      ['edgeforge', 'float32', 'ok', 200, 8],
      ['edgeforge', 'int8', 'ok', 200, 8],
    ],
  );
  // The compress stage scored each variant on the same test split with the edgeforge runtime.
  for (const [i, cell] of results.cells.entries()) {
    const { accuracy, f1, auc } = compress.variants[i]!.evaluation;
    assert.deepEqual(cell.accuracy, { accuracy, f1, auc });
  }
});

test('the table has the tutorial columns and one row per measured cell', async () => {
  const results = JSON.parse(await readFile(join(dir, 'bench', 'bench.json'), 'utf8')) as BenchResults;
  const lines = benchTable(results).split('\n');
  const header = lines.findIndex((line) => line.startsWith('platform'));
  assert.match(
    lines[header]!,
    /^platform\s+model state\s+mean ms\s+p50 ms\s+p95 ms\s+p99 ms\s+batch 8 \/s\s+model\s+arena\s+RSS growth\s+CPU\s+accuracy\s+F1\s+vs edgeforge$/,
  );
  const [float, int8] = results.cells;
  assert.equal(
    lines[header + 1]!.split(/\s+/).slice(0, 3).join(' '),
    `edgeforge float32 ${float!.latency!.mean.toFixed(3)}`,
  );
  assert.match(
    lines[header + 2]!,
    new RegExp(`^edgeforge\\s+int8\\s.*\\s${int8!.accuracy!.accuracy.toFixed(4)}\\s.*\\sok \\(0\\.0\\)$`),
  );
});

test('bad flags are usage errors: too few runs, an unknown runner with a suggestion', async () => {
  const few = await runCli('bench', dir, '--runs', '20');
  assert.equal(few.code, 2);
  assert.match(few.err, /expected a whole number >= 200, got '20'/);
  const unknown = await runCli('bench', dir, '--runners', 'edgeforge,onnxruntim');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown runner 'onnxruntim' \(did you mean onnxruntime\?\)/);
});

test('a folder without a trained model names the missing file', async () => {
  const run = await runCli('bench', join(dir, 'nothing-here'));
  assert.equal(run.code, 1);
  assert.match(run.err, /nothing-here\/train\/model\.json/);
});

test('runBench without a compress stage measures the float graph lowered from the model', async () => {
  const results = await runBench({ model: modelFile, data: dataFile, runners: ['edgeforge'], runs: 5 });
  const compress = JSON.parse(
    await readFile(join(dir, 'compress', 'compress.json'), 'utf8'),
  ) as CompressReport;
  assert.deepEqual(results.variants, []);
  assert.deepEqual(
    results.cells.map((cell) => [cell.variant, cell.status]),
    [['float32', 'ok']],
  );
  const { accuracy, f1, auc } = compress.variants[0]!.evaluation;
  assert.deepEqual(results.cells[0]!.accuracy, { accuracy, f1, auc });
});
