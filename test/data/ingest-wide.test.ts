import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingest } from '../../src/data/ingest.js';
import { assertClose, fixture, meanStd, scratch } from './fixtures/files.js';

const temp = scratch();
after(() => temp.dispose());

test('wide layout: a row is a sample of the feature columns, ids and names left out but kept as meta', async () => {
  const { data, report } = await ingest({ file: fixture('wide.csv') });
  assert.equal(report.layout, 'wide');
  assert.equal(report.labelColumn, 'fault_label');
  assert.deepEqual(report.featureColumns, ['s0', 's1', 's2']);
  assert.deepEqual(report.ignoredColumns, [
    { name: 'id', reason: 'id or index column' },
    { name: 'fault_name', reason: 'name column' },
    { name: 'segment', reason: 'segment column' },
  ]);
  assert.equal(data.count, 4);
  assert.equal(data.steps, 3);
  assert.equal(data.channels, 1);
  assert.deepEqual(data.channelNames, ['value']);
  assert.deepEqual(Array.from(data.x), [0.5, 1.5, 2.5, 1, 1, 1, -1, 0, 1, 2, 4, 8]);
  // Numeric labels sort by value ('10' after '2'), not as text.
  assert.deepEqual(data.classes, ['0', '2', '10']);
  assert.deepEqual(Array.from(data.y), [1, 2, 1, 0]);
  assert.deepEqual(data.meta, {
    id: ['1', '2', '3', '4'],
    fault_name: ['ball', 'outer', 'ball', 'normal'],
    segment: ['0', '1', '3', '3'],
  });
  assert.equal(data.recording, undefined);
  assert.equal(data.recordings, undefined);
});

test('wide layout report: counts, dialect and per-column statistics over the kept rows', async () => {
  const { report } = await ingest({ file: fixture('wide.csv') });
  assert.equal(report.format, 'csv');
  assert.equal(report.delimiter, ',');
  assert.equal(report.decimal, '.');
  assert.equal(report.rowsRead, 4);
  assert.equal(report.rowsKept, 4);
  assert.equal(report.rowsDropped, 0);
  assert.deepEqual(report.dropReasons, {});
  assert.equal(report.windows, undefined);
  const columns = { s0: [0.5, 1, -1, 2], s1: [1.5, 1, 0, 4], s2: [2.5, 1, 1, 8] };
  assert.deepEqual(
    report.featureStats.map((stats) => stats.name),
    Object.keys(columns),
  );
  for (const stats of report.featureStats) {
    const values = columns[stats.name as keyof typeof columns];
    const reference = meanStd(values);
    assert.equal(stats.count, 4);
    assertClose(stats.mean, reference.mean, `${stats.name} mean`);
    assertClose(stats.std, reference.std, `${stats.name} std`);
    assert.equal(stats.min, Math.min(...values));
    assert.equal(stats.max, Math.max(...values));
  }
});

test('text labels sort alphabetically whatever the row order; a group column names recordings', async () => {
  const file = temp.write(
    'text-labels.csv',
    'recording,a,b,class\nm2,1,2,outer\nm1,3,4,Ball\nm2,5,6,normal\nm3,7,8,ball\n',
  );
  const { data, report } = await ingest({ file });
  // Case-insensitive order; a tie in case goes to the capital (code unit order).
  assert.deepEqual(data.classes, ['Ball', 'ball', 'normal', 'outer']);
  assert.deepEqual(Array.from(data.y), [3, 0, 2, 1]);
  assert.deepEqual(data.recordings, ['m2', 'm1', 'm3']);
  assert.deepEqual(Array.from(data.recording ?? []), [0, 1, 0, 2]);
  assert.deepEqual(data.meta.recording, ['m2', 'm1', 'm2', 'm3']);
  assert.equal(report.groupColumn, 'recording');
  assert.equal(report.layout, 'wide');
});

test('options name the label, the features and the columns to ignore', async () => {
  const file = temp.write('options.csv', 'x1,x2,x3,target,outcome\n1,2,3,0,y\n4,5,6,1,n\n');
  const chosen = await ingest({ file, label: 'outcome', features: ['x3', 'x1'] });
  assert.deepEqual(chosen.report.featureColumns, ['x3', 'x1']);
  assert.deepEqual(Array.from(chosen.data.x), [3, 1, 6, 4]);
  assert.deepEqual(chosen.data.classes, ['n', 'y']);
  assert.deepEqual(chosen.report.ignoredColumns, [
    { name: 'x2', reason: 'not listed in features' },
    { name: 'target', reason: 'not listed in features' },
  ]);
  const ignored = await ingest({ file, label: 'target', ignore: ['x2'] });
  assert.deepEqual(ignored.report.featureColumns, ['x1', 'x3']);
  assert.deepEqual(ignored.report.ignoredColumns, [
    { name: 'x2', reason: 'ignored by config' },
    { name: 'outcome', reason: 'non-numeric' },
  ]);
  assert.deepEqual(ignored.data.meta, { x2: ['2', '5'], outcome: ['y', 'n'] });
});

test('a text column is left out as a whole, even when some of its cells look like numbers', async () => {
  const rows = ['v,tag,label'];
  for (let i = 0; i < 20; i++) rows.push(`${i},${i % 5 === 0 ? i : `run-${i}`},${i % 2}`);
  const { data, report } = await ingest({ file: temp.write('text-column.csv', rows.join('\n')) });
  assert.deepEqual(report.featureColumns, ['v']);
  assert.deepEqual(report.ignoredColumns, [{ name: 'tag', reason: 'non-numeric' }]);
  assert.equal(report.rowsKept, 20);
  assert.equal(data.meta.tag[5], '5');
});

test('constant and duplicated feature columns are reported', async () => {
  const file = temp.write('quality.csv', 'a,b,c,d,label\n1,7,1,2,0\n2,7,2,2,1\n3,7,3,5,0\n');
  const { report } = await ingest({ file });
  assert.deepEqual(report.constantColumns, ['b']);
  assert.deepEqual(report.duplicatedColumns, [['a', 'c']]);
});

test('a timestamp column in a layout forced to wide is left out and reported', async () => {
  const file = temp.write('timed.csv', 'timestamp,v,label\n0,1,0\n1,2,1\n');
  const { report } = await ingest({ file, layout: 'wide' });
  assert.equal(report.layout, 'wide');
  assert.deepEqual(report.ignoredColumns, [{ name: 'timestamp', reason: 'timestamp' }]);
  assert.equal(report.timestampColumn, 'timestamp');
});
