import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ingest } from '../../src/data/ingest.js';
import { rejectsWith, scratch } from './fixtures/files.js';

const temp = scratch();
after(() => temp.dispose());

test('a wide Parquet file of several row groups: typed columns, nulls cleaned, text left out', async () => {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'a', data: [0.5, 1.5, null, 3.5, 4.5], type: 'DOUBLE' },
      { name: 'b', data: new Float32Array([0.25, -1, 2, 3, 4]), type: 'FLOAT', nullable: false },
      { name: 'c', data: [10, 20, 30, 40, 50], type: 'INT32' },
      { name: 'big', data: [1n, 2n, 3n, 4n, 5n], type: 'INT64' },
      { name: 'fault_name', data: ['ok', 'bad', 'ok', 'bad', 'ok'], type: 'STRING' },
      { name: 'label', data: [0, 1, 0, 1, 0], type: 'INT32' },
    ],
    rowGroupSize: 2,
  });
  const file = temp.write('wide.parquet', new Uint8Array(buffer));
  const { data, report } = await ingest({ file });
  assert.equal(report.format, 'parquet');
  assert.equal(report.delimiter, undefined);
  assert.deepEqual(report.featureColumns, ['a', 'b', 'c', 'big']);
  assert.deepEqual(report.ignoredColumns, [{ name: 'fault_name', reason: 'name column' }]);
  assert.deepEqual(report.dropReasons, { 'missing cell': 1 });
  assert.deepEqual(Array.from(data.x), [0.5, 0.25, 10, 1, 1.5, -1, 20, 2, 3.5, 3, 40, 4, 4.5, 4, 50, 5]);
  assert.deepEqual(Array.from(data.y), [0, 1, 1, 0]);
  assert.deepEqual(data.meta.fault_name, ['ok', 'bad', 'bad', 'ok']);
});

test('long-layout windows run across Parquet row groups within a recording', async () => {
  const values = Array.from({ length: 8 }, (_, i) => i);
  const buffer = parquetWriteBuffer({
    columnData: [
      {
        name: 'timestamp',
        data: values.map((i) => new Date(Date.UTC(2024, 0, 1, 0, 0, i))),
        type: 'TIMESTAMP',
      },
      { name: 'v', data: values.map((i) => i * 1.5), type: 'DOUBLE' },
      { name: 'recording_id', data: values.map((i) => (i < 5 ? 'r1' : 'r2')), type: 'STRING' },
      { name: 'label', data: values.map((i) => (i < 5 ? 'x' : 'y')), type: 'STRING' },
    ],
    rowGroupSize: 3,
  });
  // Content decides: the name says nothing about the format.
  const file = temp.write('long.data', new Uint8Array(buffer));
  const { data, report } = await ingest({ file, window: { length: 2, stride: 2, label: 'last' } });
  assert.equal(report.layout, 'long');
  assert.equal(report.timestampColumn, 'timestamp');
  assert.equal(report.groupColumn, 'recording_id');
  // r1 rows 0..4 give windows (0,1) (2,3); r2 rows 5..7 give (5,6).
  assert.deepEqual(Array.from(data.x), [0, 1.5, 3, 4.5, 7.5, 9]);
  assert.deepEqual(data.recordings, ['r1', 'r2']);
  // Meta values come from each window's last row; timestamps are not kept per window.
  assert.deepEqual(data.meta, { recording_id: ['r1', 'r1', 'r2'] });
  assert.deepEqual(data.classes, ['x', 'y']);
});

test('a truncated Parquet file is refused as unreadable', async () => {
  const buffer = new Uint8Array(
    parquetWriteBuffer({ columnData: [{ name: 'label', data: [1, 2, 3], type: 'INT32' }] }),
  );
  const file = temp.write('cut.parquet', buffer.subarray(0, buffer.length - 12));
  await rejectsWith(ingest({ file }), [file, 'unreadable Parquet file']);
});
