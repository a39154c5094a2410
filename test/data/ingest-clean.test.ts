import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingest } from '../../src/data/ingest.js';
import { assertClose, meanStd, scratch } from './fixtures/files.js';

const temp = scratch();
after(() => temp.dispose());

const DIRTY = [
  'a,b,label',
  '1,2,x',
  ',3,x',
  '4,NaN,y',
  'inf,5,y',
  '6,abc,x',
  '7,8,',
  '9,10,y',
  '11,-inf,x',
  '12,NA,y',
].join('\n');

test("'drop' (the default) drops every row with a bad feature cell or no label, counted by reason", async () => {
  const { data, report } = await ingest({ file: temp.write('dirty.csv', DIRTY) });
  assert.deepEqual(Array.from(data.x), [1, 2, 9, 10]);
  assert.deepEqual(Array.from(data.y), [0, 1]);
  assert.equal(report.rowsRead, 9);
  assert.equal(report.rowsKept, 2);
  assert.equal(report.rowsDropped, 7);
  assert.deepEqual(report.dropReasons, {
    'missing cell': 2,
    'NaN cell': 1,
    'Inf cell': 2,
    'non-numeric cell': 1,
    'missing label': 1,
  });
  assert.equal(report.cellsFilled, 0);
  assert.deepEqual(
    report.featureStats.map((stats) => [stats.name, stats.count, stats.mean, stats.min, stats.max]),
    [
      ['a', 2, 5, 1, 9],
      ['b', 2, 6, 2, 10],
    ],
  );
});

test("'fill' puts the constant in every bad cell and counts the cells; the empty label still drops its row", async () => {
  const { data, report } = await ingest({
    file: temp.write('fill.csv', DIRTY),
    clean: { policy: 'fill', fill: -1 },
  });
  assert.deepEqual(Array.from(data.x), [1, 2, -1, 3, 4, -1, -1, 5, 6, -1, 9, 10, 11, -1, 12, -1]);
  assert.equal(report.cellsFilled, 6);
  assert.deepEqual(report.dropReasons, { 'missing label': 1 });
  assert.equal(report.rowsKept, 8);
  const reference = meanStd([2, 3, -1, 5, -1, 10, -1, -1]);
  assertClose(report.featureStats[1].mean, reference.mean, 'b mean');
  assertClose(report.featureStats[1].std, reference.std, 'b std');
  const zero = await ingest({
    file: temp.write('fill0.csv', 'a,label\n,0\n2,1\n'),
    clean: { policy: 'fill' },
  });
  assert.deepEqual(Array.from(zero.data.x), [0, 2]);
});

test("'interpolate' in the wide layout fills along the row; a row with no valid cell is dropped", async () => {
  const file = temp.write('wide-gaps.csv', 's0,s1,s2,s3,label\n1,,,7,0\n,2,3,,1\n,,,,0\n4,5,6,7,1\n');
  const { data, report } = await ingest({ file, clean: { policy: 'interpolate' } });
  assert.deepEqual(Array.from(data.x), [1, 3, 5, 7, 2, 2, 3, 3, 4, 5, 6, 7]);
  assert.equal(report.cellsInterpolated, 4);
  assert.deepEqual(report.dropReasons, { 'no valid value to interpolate from': 1 });
});

test("'interpolate' in the long layout fills each channel within its recording; edges take the nearest value", async () => {
  const file = temp.write(
    'long-gaps.csv',
    [
      'rec,a,b,label',
      'r1,0,10,0',
      'r1,,11,0',
      'r1,,12,0',
      'r1,6,,0',
      'r1,8,,0',
      'r2,,1,1',
      'r2,5,2,1',
      'r2,7,3,1',
      'r3,,1,1',
      'r3,,2,1',
      'r3,,3,1',
    ].join('\n'),
  );
  const { data, report } = await ingest({
    file,
    group: 'rec',
    window: { length: 3, stride: 1, label: 'last' },
    clean: { policy: 'interpolate' },
  });
  // r1: a 0 2 4 6 8 (two cells between 0 and 6), b 10 11 12 12 12 (trailing: the last value).
  // r2: a 5 5 7 (leading: its own first value, never r1's 8). r3: channel a is empty: dropped.
  const windows = new Map<string, number[][]>();
  for (let i = 0; i < data.count; i++) {
    const name = data.recordings![data.recording![i]];
    windows.set(name, [...(windows.get(name) ?? []), Array.from(data.x.subarray(i * 6, i * 6 + 6))]);
  }
  assert.deepEqual(windows.get('r1'), [
    [0, 10, 2, 11, 4, 12],
    [2, 11, 4, 12, 6, 12],
    [4, 12, 6, 12, 8, 12],
  ]);
  assert.deepEqual(windows.get('r2'), [[5, 1, 5, 2, 7, 3]]);
  assert.equal(windows.has('r3'), false);
  assert.equal(report.cellsInterpolated, 5);
  assert.deepEqual(report.dropReasons, { 'no valid value to interpolate from': 3 });
  assert.equal(report.rowsKept, 8);
  const a = meanStd([0, 2, 4, 6, 8, 5, 5, 7]);
  assertClose(report.featureStats[0].mean, a.mean, 'a mean');
  assertClose(report.featureStats[0].std, a.std, 'a std');
  assert.equal(report.featureStats[1].max, 12);
});

test('a gap longer than the buffer keeps its windows waiting, then fills linearly', async () => {
  const rows = ['v,label', '0,0'];
  for (let i = 1; i < 999; i++) rows.push(',0');
  rows.push('999,0');
  const { data, report } = await ingest({
    file: temp.write('long-gap.csv', rows.join('\n')),
    window: { length: 10, stride: 10, label: 'last' },
    clean: { policy: 'interpolate' },
  });
  assert.equal(data.count, 100);
  assert.equal(report.cellsInterpolated, 998);
  for (let i = 0; i < 1000; i += 97) assertClose(data.x[i], i, `row ${i}`);
});
