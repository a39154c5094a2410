/**
 * Partial pipelines: a run folder holding only the data stage's summary still gets a full
 * report, each missing stage saying it did not run; broken stage files are named in errors.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DataSummary } from '../../src/data/prepare.js';
import { EdgeforgeError, UsageError } from '../../src/errors.js';
import { writeReport } from '../../src/report/index.js';
import { runCli } from '../cli/helpers.js';

const SUMMARY: DataSummary = {
  ingest: {
    file: 'sensors <raw>.csv',
    format: 'csv',
    layout: 'wide',
    rowsRead: 12,
    rowsKept: 10,
    rowsDropped: 2,
    dropReasons: { 'missing cell': 2 },
    cellsFilled: 0,
    cellsInterpolated: 0,
    labelColumn: 'label',
    featureColumns: ['a', 'b'],
    ignoredColumns: [],
    constantColumns: [],
    duplicatedColumns: [],
    featureStats: [],
  },
  classes: ['ok', 'fault|bad'],
  steps: 2,
  channels: 1,
  split: {
    method: 'stratified',
    classCounts: { train: [3, 3], validation: [1, 1], test: [1, 1] },
    sizes: { train: 6, validation: 2, test: 2 },
  },
  scale: { method: 'standard', per: 'feature' },
  augment: null,
};

async function runWithSummary(): Promise<string> {
  const run = await mkdtemp(join(tmpdir(), 'edgeforge-report-partial-'));
  await mkdir(join(run, 'data'));
  await writeFile(join(run, 'data', 'summary.json'), JSON.stringify(SUMMARY));
  return run;
}

test('a data-only run: the data section is filled, every later stage says it did not run', async () => {
  const run = await runWithSummary();
  const files = await writeReport(run);
  assert.deepEqual(files, {
    html: join(run, 'report', 'report.html'),
    markdown: join(run, 'report', 'report.md'),
    json: join(run, 'report', 'report.json'),
  });
  const document = JSON.parse(await readFile(files.json, 'utf8')) as {
    sections: { id: string; ran: boolean; notes: string[] }[];
  };
  assert.deepEqual(
    document.sections.map((s) => [s.id, s.ran]),
    [
      ['data', true],
      ['training', false],
      ['compression', false],
      ['tradeoffs', false],
      ['exports', false],
      ['bench', false],
      ['advice', false],
    ],
  );
  const bench = document.sections.find((s) => s.id === 'bench')!;
  assert.deepEqual(bench.notes, [
    `Stage not run: ${join(run, 'bench', 'bench.json')} is absent. Run the bench stage to fill this section.`,
  ]);
  const html = await readFile(files.html, 'utf8');
  assert.equal(html.match(/Stage not run: /g)?.length, 6);
  assert.ok(!html.includes('<figure'), 'no charts without their stages');
  // Text from the files is escaped: markup in a file name or class name stays text.
  assert.ok(html.includes('sensors &lt;raw&gt;.csv'));
  assert.ok(!html.includes('<raw>'));
  const markdown = await readFile(files.markdown, 'utf8');
  assert.ok(markdown.includes('| fault\\|bad | 3 | 1 | 1 |'), 'a pipe in a cell is escaped in Markdown');
  assert.ok(markdown.includes('| rows | 12 read, 10 kept, 2 dropped |'));
});

test('--out writes elsewhere; the CLI prints the three paths, as JSON with --json', async () => {
  const run = await runWithSummary();
  const out = join(run, 'elsewhere');
  const human = await runCli('report', run, '--out', out);
  assert.equal(human.code, 0, human.err);
  assert.equal(
    human.out,
    `HTML      ${join(out, 'report.html')}\nMarkdown  ${join(out, 'report.md')}\nJSON      ${join(out, 'report.json')}\n`,
  );
  const json = await runCli('report', run, '--json');
  assert.equal(json.code, 0, json.err);
  assert.deepEqual(JSON.parse(json.out), {
    html: join(run, 'report', 'report.html'),
    markdown: join(run, 'report', 'report.md'),
    json: join(run, 'report', 'report.json'),
  });
  assert.match(await readFile(join(run, 'report', 'report.md'), 'utf8'), /^# edgeforge report: /);
});

test('a missing run folder is a usage error (exit 2) naming it', async () => {
  const missing = join(tmpdir(), 'edgeforge-no-such-run-folder');
  await assert.rejects(writeReport(missing), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.equal(error.file, missing);
    return true;
  });
  const cli = await runCli('report', missing);
  assert.equal(cli.code, 2);
  assert.match(cli.err, /edgeforge-no-such-run-folder: run folder not found/);
});

test('a stage file that is not JSON, or not that stage’s output, is named with the field', async () => {
  const run = await runWithSummary();
  await mkdir(join(run, 'compress'));
  const compressFile = join(run, 'compress', 'compress.json');
  await writeFile(compressFile, '{ not json');
  await assert.rejects(writeReport(run), (error: unknown) => {
    assert.ok(error instanceof EdgeforgeError);
    assert.equal(error.file, compressFile);
    assert.match(error.message, /is not JSON/);
    return true;
  });
  await writeFile(compressFile, JSON.stringify({ variants: [{ name: 'int8', weightBytes: 'many' }] }));
  await assert.rejects(writeReport(run), (error: unknown) => {
    assert.ok(error instanceof EdgeforgeError);
    assert.equal(error.file, compressFile);
    assert.equal(error.place, 'field variants[0].weightBytes');
    assert.match(error.oneLine(), /is not the compress stage's output/);
    return true;
  });
});
