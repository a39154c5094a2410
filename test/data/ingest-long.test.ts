import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingest } from '../../src/data/ingest.js';
import type { WindowSet } from '../../src/data/types.js';
import { assertClose, fixture, meanStd, scratch } from './fixtures/files.js';

const temp = scratch();
after(() => temp.dispose());

/** Window i as rows of channel values, for readable comparisons. */
function windowRows(data: WindowSet, i: number): number[][] {
  const rows: number[][] = [];
  for (let t = 0; t < data.steps; t++) {
    const start = (i * data.steps + t) * data.channels;
    rows.push(Array.from(data.x.subarray(start, start + data.channels)));
  }
  return rows;
}

test('long layout: windows of length 3, stride 1, within each recording only', async () => {
  const { data, report } = await ingest({
    file: fixture('long.csv'),
    window: { length: 3, stride: 1, label: 'last' },
  });
  assert.equal(report.layout, 'long');
  assert.equal(report.groupColumn, 'run_id');
  assert.equal(report.timestampColumn, 'time');
  assert.deepEqual(report.featureColumns, ['acc x', 'acc y']);
  assert.deepEqual(data.channelNames, ['acc x', 'acc y']);
  assert.equal(data.steps, 3);
  assert.equal(data.channels, 2);
  assert.equal(data.count, 4);
  assert.deepEqual(windowRows(data, 0), [
    [1, 10],
    [2, 20],
    [3, 30],
  ]);
  assert.deepEqual(windowRows(data, 1), [
    [2, 20],
    [3, 30],
    [4, 40],
  ]);
  assert.deepEqual(windowRows(data, 2), [
    [3, 30],
    [4, 40],
    [5, 50],
  ]);
  // r1 has rows 1..5, r2 rows 6..8: no window mixes them.
  assert.deepEqual(windowRows(data, 3), [
    [6, 60],
    [7, 70],
    [8, 80],
  ]);
  assert.deepEqual(data.classes, ['a', 'b']);
  assert.deepEqual(Array.from(data.y), [1, 1, 1, 0]);
  assert.deepEqual(data.recordings, ['r1', 'r2']);
  assert.deepEqual(Array.from(data.recording ?? []), [0, 0, 0, 1]);
  // Meta values come from each window's last row; the timestamp is not kept per window.
  assert.deepEqual(data.meta, { run_id: ['r1', 'r1', 'r1', 'r2'] });
  assert.deepEqual(report.windows, { length: 3, stride: 1, labelRule: 'last', count: 4, recordings: 2 });
});

test('long layout statistics are per channel over the kept rows, not over the overlapping windows', async () => {
  const { report } = await ingest({
    file: fixture('long.csv'),
    window: { length: 3, stride: 1, label: 'last' },
  });
  const channels = { 'acc x': [1, 2, 3, 4, 5, 6, 7, 8], 'acc y': [10, 20, 30, 40, 50, 60, 70, 80] };
  for (const stats of report.featureStats) {
    const values = channels[stats.name as keyof typeof channels];
    const reference = meanStd(values);
    assert.equal(stats.count, 8);
    assertClose(stats.mean, reference.mean, 'mean');
    assertClose(stats.std, reference.std, 'std');
    assert.equal(stats.min, values[0]);
    assert.equal(stats.max, values[7]);
  }
  assert.equal(report.rowsKept, 8);
});

test('the stride skips rows; a stride longer than the window leaves gaps', async () => {
  const two = await ingest({ file: fixture('long.csv'), window: { length: 3, stride: 2, label: 'last' } });
  assert.equal(two.data.count, 3);
  assert.deepEqual(windowRows(two.data, 1), [
    [3, 30],
    [4, 40],
    [5, 50],
  ]);
  const rows = ['v,label'];
  for (let i = 0; i < 10; i++) rows.push(`${i},0`);
  const sparse = await ingest({
    file: temp.write('sparse.csv', rows.join('\n')),
    window: { length: 2, stride: 4, label: 'last' },
  });
  // Windows start at rows 0, 4 and 8.
  assert.deepEqual(Array.from(sparse.data.x), [0, 1, 4, 5, 8, 9]);
  assert.equal(sparse.data.recording, undefined);
  assert.equal(sparse.report.windows?.recordings, 1);
});

test("label rules: 'last' takes the last row, 'majority' the most frequent, ties to the lowest class", async () => {
  const majority = await ingest({
    file: fixture('long.csv'),
    window: { length: 3, stride: 1, label: 'majority' },
  });
  // r1 labels a a b b b: windows (a a b) (a b b) (b b b); r2: (a a a).
  assert.deepEqual(Array.from(majority.data.y), [0, 1, 1, 0]);
  // Labels (3 3 1 1) and (1 1 3 3): ties between '1' and '3' go to '1', the lower class,
  // although '3' was seen first; 'last' gives 1 and 3.
  const file = temp.write('tie.csv', 'v,label\n1,3\n2,3\n3,1\n4,1\n5,3\n6,3\n7,1\n');
  const tie = await ingest({ file, window: { length: 4, stride: 2, label: 'majority' } });
  assert.deepEqual(tie.data.classes, ['1']);
  assert.deepEqual(Array.from(tie.data.y), [0, 0]);
  const last = await ingest({ file, window: { length: 4, stride: 2, label: 'last' } });
  assert.deepEqual(last.data.classes, ['1', '3']);
  assert.deepEqual(Array.from(last.data.y), [0, 1]);
});

test('a recording id that comes back later continues its recording', async () => {
  const file = temp.write(
    'interleaved.csv',
    'recording,v,label\nA,1,0\nB,100,1\nA,2,0\nB,200,1\nA,3,0\nB,300,1\nA,4,0\n',
  );
  const { data } = await ingest({ file, window: { length: 3, stride: 1, label: 'last' } });
  const byRecording = new Map<string, number[][]>();
  for (let i = 0; i < data.count; i++) {
    const name = data.recordings![data.recording![i]];
    byRecording.set(name, [...(byRecording.get(name) ?? []), Array.from(data.x.subarray(i * 3, i * 3 + 3))]);
  }
  assert.deepEqual(byRecording.get('A'), [
    [1, 2, 3],
    [2, 3, 4],
  ]);
  assert.deepEqual(byRecording.get('B'), [[100, 200, 300]]);
});

test('recordings shorter than the window are dropped and counted; the others are windowed', async () => {
  const file = temp.write('short.csv', 'run,v,label\nlong,1,0\nlong,2,0\nlong,3,0\nshort,9,1\nshort,8,1\n');
  const { data, report } = await ingest({ file, window: { length: 3, stride: 1, label: 'last' } });
  assert.equal(data.count, 1);
  assert.deepEqual(data.recordings, ['long']);
  assert.deepEqual(report.dropReasons, { 'recording shorter than the window': 2 });
  assert.equal(report.rowsKept, 3);
  assert.equal(report.featureStats[0].count, 3);
  // Only labels some window carries become classes.
  assert.deepEqual(data.classes, ['0']);
});

test('auto layout: a window makes it long, and so does a timestamp column', async () => {
  const file = temp.write('plain.csv', 'v,w,label\n1,2,0\n3,4,1\n5,6,0\n');
  const windowed = await ingest({ file, window: { length: 2, stride: 1, label: 'last' } });
  assert.equal(windowed.report.layout, 'long');
  assert.equal(windowed.data.count, 2);
  assert.equal((await ingest({ file })).report.layout, 'wide');
});
