import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runTrainStage } from '../../src/pipeline/train-stage.js';
import { trainSectionSchema } from '../../src/config/train-schema.js';
import { prepareData } from '../../src/data/prepare.js';
import { runCli } from '../cli/helpers.js';
import { SMALL_CONV, synthSection, tempDir } from './fixtures.js';

const dir = await tempDir();
const dataFile = join(dir, 'b.csv');
const prepared = await prepareData(synthSection(dataFile, 240));
const { model: modelFile } = await runTrainStage(
  prepared,
  trainSectionSchema.parse({ layers: SMALL_CONV, task: 'binary', epochs: 1, checkpoint: false }),
  join(dir, 'train'),
);

test('compress MODEL --variants --json writes beside the train folder and prints compress.json', async () => {
  const run = await runCli('compress', modelFile, '--variants', 'float32,int8', '--json');
  assert.equal(run.code, 0, run.err);
  const report = JSON.parse(run.out);
  assert.deepEqual(
    report.variants.map((v: { name: string }) => v.name),
    ['float32', 'int8'],
  );
  assert.equal(report.variants[1].files.graph, join(dir, 'compress', 'int8.efg'));
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'compress', 'compress.json'), 'utf8')), report);
});

test('the table has one row per variant under the documented columns', async () => {
  const out = join(dir, 'table');
  const run = await runCli('compress', modelFile, '--variants', 'int8', '--data', dataFile, '--out', out);
  assert.equal(run.code, 0, run.err);
  const [header, row] = run.out.split('\n');
  assert.match(
    header!,
    /^variant\s+accuracy\s+F1\s+Δ vs float \(pts\)\s+weight bytes\s+arena bytes\s+MACs\s+latency ms\s+targets$/,
  );
  assert.match(
    row!,
    /^int8\s+0\.\d{4}\s+0\.\d{4}\s+[+-]\d+\.\d\d\s+996\s+\d+\s+\d+\s+\d\.\d+\s+.*tflite-micro/,
  );
});

test('compress CONFIG reads the run’s model and data from the config', async () => {
  const config = join(dir, 'p.yaml');
  await writeFile(config, `name: p\noutput: ${dir}\ndata:\n  file: ${dataFile}\n  label: fault_label\n`);
  const out = join(dir, 'from-config');
  const run = await runCli('compress', config, '--variants', 'float32', '--out', out, '--json');
  assert.equal(run.code, 0, run.err);
  assert.equal(JSON.parse(run.out).model, modelFile);
});

test('bad input is one line: unknown variant (did you mean), missing data file, mismatched columns', async () => {
  const unknown = await runCli('compress', modelFile, '--variants', 'float32,int-8');
  assert.equal(unknown.code, 2);
  assert.equal(
    unknown.err,
    "edgeforge: error: option --variants: unknown variant 'int-8' (did you mean int8?). Use a comma-separated list of: float32, float16, dynamic-range, int8, int8-qat, pruned-int8, structured-int8.\n",
  );
  const missing = await runCli('compress', modelFile, '--data', join(dir, 'nope.csv'));
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^edgeforge: error: .*nope\.csv: [^\n]+\n$/);
  const other = join(dir, 'other.csv');
  await writeFile(other, (await readFile(dataFile, 'utf8')).replace(/^s0,/, 'a0,'));
  const mismatched = await runCli('compress', modelFile, '--data', other);
  assert.equal(mismatched.code, 1);
  assert.match(mismatched.err, /^edgeforge: error: .*other\.csv: .*'s0'[^\n]*\n$/);
});
