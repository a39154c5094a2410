import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesize, type SynthCell, type SynthOptions } from '../../src/data/synth/index.js';
import { EdgeforgeError, UsageError } from '../../src/errors.js';

const all = (options: SynthOptions): SynthCell[][] => [...synthesize(options).rows()];
const isMissing = (cell: SynthCell): boolean => typeof cell === 'number' && Number.isNaN(cell);

test('wide layout: s0..s{T-1}, fault_label, fault_name; one row per window', () => {
  const table = synthesize({ rows: 30, length: 16 });
  const expected = [...Array.from({ length: 16 }, (_, i) => `s${i}`), 'fault_label', 'fault_name'];
  assert.deepEqual(table.header, expected);
  assert.equal(table.rowCount, 30);
  assert.deepEqual(table.classes, ['healthy', 'fault']);
  const rows = [...table.rows()];
  assert.equal(rows.length, 30);
  for (const row of rows) {
    assert.equal(row.length, 18);
    assert.ok(row.slice(0, 16).every((cell) => typeof cell === 'number'));
    assert.equal(row[16], row[17] === 'healthy' ? 0 : 1);
  }
});

test('defaults: 6000 wide rows of 64 readings, binary labels', () => {
  const table = synthesize({});
  assert.equal(table.rowCount, 6000);
  assert.equal(table.header.length, 66);
  assert.equal(table.header[63], 's63');
});

test('the same seed gives the same table (also on a second pass), another seed another table', () => {
  const options: SynthOptions = { rows: 50, seed: 9 };
  const table = synthesize(options);
  const first = [...table.rows()];
  assert.deepEqual([...table.rows()], first);
  assert.deepEqual(all(options), first);
  assert.notDeepEqual(all({ ...options, seed: 10 }), first);
  const long: SynthOptions = { layout: 'long', rows: 3000, length: 1000, seed: 9 };
  assert.deepEqual(all(long), all(long));
  assert.notDeepEqual(all(long), all({ ...long, seed: 10 }));
});

test('binary: half the rows faulty, the faults spread evenly over the three kinds', () => {
  const rows = all({ rows: 6000, length: 8 });
  const count = (name: string): number => rows.filter((row) => row[9] === name).length;
  assert.equal(rows.filter((row) => row[8] === 1).length, 3000);
  for (const fault of ['inner_race', 'outer_race', 'ball']) assert.equal(count(fault), 1000);
});

test('multiclass: labels 0..3 in the order healthy, inner race, outer race, ball, a quarter each', () => {
  const table = synthesize({ rows: 4000, length: 8, classes: 'multiclass' });
  assert.deepEqual(table.classes, ['healthy', 'inner_race', 'outer_race', 'ball']);
  const counts = [0, 0, 0, 0];
  for (const row of table.rows()) {
    counts[Number(row[8])]++;
    assert.equal(row[9], table.classes[Number(row[8])]);
  }
  assert.deepEqual(counts, [1000, 1000, 1000, 1000]);
});

test('wide rows: about the requested share has exactly one empty reading; the rest of the table is unchanged', () => {
  const clean = all({ rows: 6000, length: 16, missingRate: 0 });
  const holed = all({ rows: 6000, length: 16, missingRate: 0.02 });
  let rowsWithHoles = 0;
  holed.forEach((row, r) => {
    const holes = row.filter(isMissing).length;
    assert.ok(holes <= 1, `row ${r} has ${holes} empty cells`);
    rowsWithHoles += holes;
    row.forEach((cell, c) => {
      if (!isMissing(cell)) assert.equal(cell, clean[r][c]);
    });
  });
  // Binomial(6000, 0.02): mean 120, sd 11.
  assert.ok(rowsWithHoles > 80 && rowsWithHoles < 160, `${rowsWithHoles} rows with an empty cell`);
  assert.ok(clean.every((row) => !row.some(isMissing)));
});

test('long layout: one row per time step, recordings of `length` steps, the last one shorter', () => {
  const table = synthesize({ layout: 'long', rows: 2500, length: 1000, missingRate: 0 });
  assert.deepEqual(table.header, [
    'timestamp',
    'accel_x',
    'accel_y',
    'speed_rpm',
    'fault_label',
    'recording_id',
  ]);
  assert.equal(table.sampleRate, 2500);
  const rows = [...table.rows()];
  assert.equal(rows.length, 2500);
  const ids = [...new Set(rows.map((row) => row[5]))];
  assert.deepEqual(ids, ['rec001', 'rec002', 'rec003']);
  assert.deepEqual(
    ids.map((id) => rows.filter((row) => row[5] === id).length),
    [1000, 1000, 500],
  );
  for (const id of ids) {
    const labels = new Set(rows.filter((row) => row[5] === id).map((row) => row[4]));
    assert.equal(labels.size, 1, `recording ${id} changes label`);
  }
  // 2500 Hz: timestamps step by exactly 0.4 ms, continuing across recordings.
  assert.equal(rows[0][0], 0);
  assert.equal(rows[1][0], 0.0004);
  assert.equal(rows[1234][0], 0.4936);
  assert.equal(rows[2499][0], 0.9996);
  // Tachometer in rpm, around the 1500-1800 rpm operating range.
  assert.ok(rows.every((row) => Number(row[3]) > 1470 && Number(row[3]) < 1830));
});

test('long layout: a few empty cells, only in the sensor columns', () => {
  const rows = all({ layout: 'long', rows: 40_000, length: 4000, missingRate: 0.005 });
  const holesPerColumn = [0, 1, 2, 3, 4, 5].map((c) => rows.filter((row) => isMissing(row[c])).length);
  assert.equal(holesPerColumn[0] + holesPerColumn[4] + holesPerColumn[5], 0);
  const total = holesPerColumn[1] + holesPerColumn[2] + holesPerColumn[3];
  // Binomial(40000, 0.005): mean 200, sd 14.
  assert.ok(total > 150 && total < 250, `${total} empty cells`);
  assert.ok(holesPerColumn[1] > 30 && holesPerColumn[2] > 30 && holesPerColumn[3] > 30);
});

test('bad options are usage errors that name the option, the value and the allowed range', () => {
  const cases: [SynthOptions, RegExp][] = [
    [{ rows: 0 }, /rows is 0, it must be a whole number from 1 to/],
    [{ rows: 2.5 }, /rows is 2.5/],
    [{ length: 7 }, /length is 7, it must be a whole number from 8 to/],
    [{ difficulty: 1.5 }, /difficulty is 1.5, it must be a number from 0 to 1/],
    [{ difficulty: Number.NaN }, /difficulty is NaN/],
    [{ seed: 1.5 }, /seed is 1.5/],
    [{ missingRate: 0.9 }, /missingRate is 0.9, it must be a number from 0 to 0.5/],
    [{ layout: 'tall' as 'wide' }, /layout is "tall", it must be one of wide, long/],
    [{ classes: 'ternary' as 'binary' }, /classes is "ternary", it must be one of binary, multiclass/],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => synthesize(options),
      (error: unknown) => {
        assert.ok(error instanceof UsageError && error instanceof EdgeforgeError);
        assert.equal(error.exitCode, 2);
        assert.match(error.oneLine(), message);
        assert.match(error.oneLine(), /^synth option \w+: /);
        return true;
      },
    );
  }
});

test('generating the default 6000 x 64 wide table takes well under a second', () => {
  const start = performance.now();
  let cells = 0;
  for (const row of synthesize({}).rows()) cells += row.length;
  const seconds = (performance.now() - start) / 1000;
  assert.equal(cells, 6000 * 66);
  assert.ok(seconds < 1, `took ${seconds.toFixed(2)} s`);
});

test('the long layout generates millions of rows per minute', () => {
  const start = performance.now();
  let rows = 0;
  for (const row of synthesize({ layout: 'long', rows: 250_000 }).rows()) rows += row.length === 6 ? 1 : 0;
  const seconds = (performance.now() - start) / 1000;
  assert.equal(rows, 250_000);
  // 250,000 rows in under 3 s is over 5 million rows a minute.
  assert.ok(seconds < 3, `took ${seconds.toFixed(2)} s`);
});
