import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { synthesize, writeSynthetic, type SynthCell, type SynthOptions } from '../../src/data/synth/index.js';
import { EdgeforgeError, UsageError } from '../../src/errors.js';

const WIDE: SynthOptions = { rows: 200, length: 8, seed: 3, missingRate: 0.2, classes: 'multiclass' };
const LONG: SynthOptions = { layout: 'long', rows: 700, length: 300, seed: 3, missingRate: 0.05 };

async function withFolder(body: (folder: string) => Promise<void>): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'edgeforge-synth-'));
  try {
    await body(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A CSV cell as a reader should see it: empty = missing, numbers as numbers, the rest as text. */
function parseCell(text: string): SynthCell {
  if (text === '') return Number.NaN;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

for (const [name, options] of [
  ['wide', WIDE],
  ['long', LONG],
] as const) {
  test(`${name} CSV: header row, ',' and '.', empty missing cells, the table's values exactly`, async () => {
    await withFolder(async (folder) => {
      const path = join(folder, 'data.csv');
      const progress: [number, number][] = [];
      const result = await writeSynthetic(path, options, (done, total) => progress.push([done, total]));
      const text = await readFile(path, 'utf8');
      const table = synthesize(options);
      assert.deepEqual(result, {
        path,
        rows: table.rowCount,
        columns: table.header.length,
        bytes: (await stat(path)).size,
      });
      assert.equal(result.bytes, Buffer.byteLength(text));
      const lines = text.split('\n');
      assert.equal(lines.pop(), '', 'the file ends with a newline');
      assert.equal(lines[0], table.header.join(','));
      const parsed = lines.slice(1).map((line) => line.split(',').map(parseCell));
      assert.deepEqual(parsed, [...table.rows()]);
      assert.ok(
        parsed.some((row) => row.some((cell) => Number.isNaN(cell))),
        'no empty cell written',
      );
      assert.deepEqual(progress.at(-1), [table.rowCount, table.rowCount]);
      assert.deepEqual(await readdir(folder), ['data.csv'], 'a temp file was left behind');
    });
  });

  test(`${name} Parquet: same columns and values, null for a missing cell`, async () => {
    await withFolder(async (folder) => {
      const path = join(folder, 'data.parquet');
      const result = await writeSynthetic(path, options);
      assert.equal(result.bytes, (await stat(path)).size);
      const table = synthesize(options);
      const records = await parquetReadObjects({ file: await asyncBufferFromFile(path) });
      assert.equal(records.length, table.rowCount);
      const expected = [...table.rows()];
      records.forEach((record, r) => {
        assert.deepEqual(Object.keys(record), table.header);
        const cells = table.header.map((column) => record[column]);
        assert.deepEqual(
          cells,
          expected[r].map((cell) => (typeof cell === 'number' && Number.isNaN(cell) ? null : cell)),
        );
      });
      assert.ok(
        records.some((record) => Object.values(record).includes(null)),
        'no null written',
      );
    });
  });
}

test('CSV numbers: accelerations to 1 micro-g, timestamps to the microsecond, tachometer to 0.1 rpm', async () => {
  await withFolder(async (folder) => {
    const path = join(folder, 'long.csv');
    await writeSynthetic(path, { layout: 'long', rows: 3, missingRate: 0 });
    const [, ...rows] = (await readFile(path, 'utf8')).trim().split('\n');
    assert.deepEqual(
      rows.map((row) => row.split(',')[0]),
      ['0.000000', '0.000400', '0.000800'],
    );
    for (const row of rows) {
      const [, x, y, rpm, label, id] = row.split(',');
      assert.match(x, /^-?\d+\.\d{6}$/);
      assert.match(y, /^-?\d+\.\d{6}$/);
      assert.match(rpm, /^1[5-8]\d\d\.\d$/);
      assert.match(label, /^[01]$/);
      assert.equal(id, 'rec001');
    }
  });
});

test('a path that cannot be written gives an error naming the file and leaves nothing behind', async () => {
  await withFolder(async (folder) => {
    const blocker = join(folder, 'not-a-folder');
    await writeFile(blocker, 'x');
    const path = join(blocker, 'data.csv');
    await assert.rejects(writeSynthetic(path, { rows: 5 }), (error: unknown) => {
      assert.ok(error instanceof EdgeforgeError);
      assert.equal(error.file, path);
      assert.match(error.oneLine(), /cannot write the synthetic data/);
      return true;
    });
    assert.deepEqual(await readdir(folder), ['not-a-folder']);
  });
});

test('bad options are refused before any file is created', async () => {
  await withFolder(async (folder) => {
    const path = join(folder, 'data.csv');
    await assert.rejects(writeSynthetic(path, { difficulty: 2 }), UsageError);
    assert.deepEqual(await readdir(folder), []);
  });
});
