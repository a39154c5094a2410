import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingest } from '../../src/data/ingest.js';
import { scratch } from './fixtures/files.js';

const temp = scratch();
after(() => temp.dispose());

test('UTF-8 BOM, CRLF, quoted fields and padded header names, as Excel writes them', async () => {
  const file = temp.write(
    'excel.csv',
    '\ufeff"speed", acc x ,note,"label"\r\n0,"1.5","hello, world",a\r\n1,"-2.25","say ""hi""",b\r\n',
  );
  const { data, report } = await ingest({ file });
  assert.deepEqual(report.featureColumns, ['speed', 'acc x']);
  assert.deepEqual(report.ignoredColumns, [{ name: 'note', reason: 'non-numeric' }]);
  assert.deepEqual(Array.from(data.x), [0, 1.5, 1, -2.25]);
  assert.deepEqual(data.meta.note, ['hello, world', 'say "hi"']);
  assert.equal(report.delimiter, ',');
});

test('semicolons with decimal commas, as a German Excel exports', async () => {
  const file = temp.write('german.csv', 'Zeit;Wert A;Wert B;label\n0,5;1,25;-3;ok\n1,0;-0,5;2,75;fault\n');
  const { data, report } = await ingest({ file });
  assert.equal(report.delimiter, ';');
  assert.equal(report.decimal, ',');
  assert.deepEqual(Array.from(data.x), [0.5, 1.25, -3, 1, -0.5, 2.75]);
  assert.deepEqual(data.classes, ['fault', 'ok']);
});

test('tab-separated .tsv and .txt files, and a file with no telling extension', async () => {
  const content = 'a\tb\tlabel\n1\t2\t0\n3\t4\t1\n';
  for (const name of ['data.tsv', 'data.txt', 'data']) {
    const { data, report } = await ingest({ file: temp.write(name, content) });
    assert.equal(report.format, 'csv');
    assert.equal(report.delimiter, '\t');
    assert.deepEqual(Array.from(data.x), [1, 2, 3, 4]);
  }
});

test('old Mac line ends (CR only) and blank lines are read', async () => {
  const { data } = await ingest({ file: temp.write('mac.csv', 'a,label\r1,0\r\r2,1\r') });
  assert.deepEqual(Array.from(data.x), [1, 2]);
  const { report } = await ingest({ file: temp.write('blank-lines.csv', 'a,label\n\n1,0\n\n2,1\n\n') });
  assert.equal(report.rowsRead, 2);
});

test('a pandas index column (empty header name) is recognised and left out', async () => {
  const { report, data } = await ingest({ file: temp.write('pandas.csv', ',v,label\n0,1.5,0\n1,2.5,1\n') });
  assert.deepEqual(report.ignoredColumns, [{ name: 'Unnamed: 0', reason: 'id or index column' }]);
  assert.deepEqual(Array.from(data.x), [1.5, 2.5]);
});

test('a file larger than one read chunk streams through in batches, with progress up to its size', async () => {
  const rows = ['i,twice,label'];
  let expectedSum = 0;
  for (let i = 0; i < 30_000; i++) {
    rows.push(`${i},${2 * i},${i % 3}`);
    expectedSum += 3 * i;
  }
  const file = temp.write('big.csv', rows.join('\n'));
  const progress: [number, number][] = [];
  const { data, report } = await ingest({ file, onProgress: (done, total) => progress.push([done, total]) });
  assert.equal(data.count, 30_000);
  assert.equal(
    data.x.reduce((sum, v) => sum + v, 0),
    expectedSum,
  );
  assert.deepEqual(report.duplicatedColumns, []);
  const size = Buffer.byteLength(rows.join('\n'));
  assert.deepEqual(progress.at(-1), [size, size]);
  assert.ok(progress.every(([done], i) => i === 0 || done >= progress[i - 1][0]));
  assert.deepEqual(data.classes, ['0', '1', '2']);
});
