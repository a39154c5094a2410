import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/data/ingest.js';
import { UsageError } from '../../src/errors.js';
import { rejectsWith, scratch } from './fixtures/files.js';

const temp = scratch();
after(() => temp.dispose());

const WINDOW = { length: 3, stride: 1, label: 'last' } as const;

test('a missing file, a directory and an empty file are refused by name', async () => {
  const missing = join(temp.dir, 'nope.csv');
  await rejectsWith(ingest({ file: missing }), [missing, 'file not found', 'Check the path']);
  const dir = join(temp.dir, 'folder.csv');
  mkdirSync(dir);
  await rejectsWith(ingest({ file: dir }), [dir, 'directory']);
  const empty = temp.write('empty.csv', '');
  await rejectsWith(ingest({ file: empty }), [empty, 'the file is empty']);
  const blank = temp.write('blank.csv', '\n\n\n');
  await rejectsWith(ingest({ file: blank }), [blank, 'line 1', 'no header line']);
});

test('a header without data rows is refused', async () => {
  const file = temp.write('header-only.csv', 'a,b,label\n');
  await rejectsWith(ingest({ file }), [file, 'line 2', 'header but no data rows']);
});

test('a misspelt label column gets the closest real name; no recognisable label lists the columns', async () => {
  const file = temp.write('labels.csv', 's0,s1,fault_label\n1,2,0\n');
  await rejectsWith(ingest({ file, label: 'fault_lable' }), [
    file,
    'header',
    "no column 'fault_lable' (did you mean 'fault_label'?)",
  ]);
  const unnamed = temp.write('unnamed.csv', 's0,s1,outcome\n1,2,0\n');
  await rejectsWith(ingest({ file: unnamed }), [
    unnamed,
    'header',
    'no label column',
    "'outcome'",
    '--label',
  ]);
  await rejectsWith(ingest({ file, ignore: ['s3'] }), [file, "no column 's3'", "did you mean 's0'?"]);
  await rejectsWith(ingest({ file, group: 'recording' }), [file, "no column 'recording'"]);
});

test('a ragged row is named by its line as an editor counts it (header = line 1)', async () => {
  const file = temp.write('ragged.csv', 'a,b,label\n1,2,0\n3,4,1\n5,6,7,0\n8,9,1\n');
  await rejectsWith(ingest({ file }), [file, 'line 4', 'ragged row: 4 cells, the header has 3']);
  // A quoted value spanning two lines shifts the count as an editor would show it.
  const quoted = temp.write('ragged-quoted.csv', 'note,b,label\n"two\nlines",2,0\n3,1\n');
  await rejectsWith(ingest({ file: quoted }), [quoted, 'line 4', '2 cells, the header has 3']);
  const crlf = temp.write('ragged-crlf.csv', 'a,b,label\r\n1,2,0\r\n3,1\r\n');
  await rejectsWith(ingest({ file: crlf }), [crlf, 'line 3', '2 cells, the header has 3']);
  const unclosed = temp.write('unclosed.csv', 'a,b,label\n1,2,0\n"3,4,1\n');
  await rejectsWith(ingest({ file: unclosed }), [unclosed, 'quoted value is never closed']);
});

test('binary, UTF-16 and non-UTF-8 files are refused with the line of the first bad byte', async () => {
  const binary = temp.write('binary.csv', new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x00, 0x32]));
  await rejectsWith(ingest({ file: binary }), [binary, 'line 2', 'binary']);
  const utf16 = temp.write('utf16.csv', Buffer.from('\ufeffa,label\n1,0\n', 'utf16le'));
  await rejectsWith(ingest({ file: utf16 }), [utf16, 'UTF-16']);
  const latin1 = temp.write('latin1.csv', Buffer.from('a,label\n1,0\n2,caf\xe9\n', 'latin1'));
  await rejectsWith(ingest({ file: latin1 }), [
    latin1,
    'line 3',
    'not valid UTF-8',
    'Save it again as UTF-8',
  ]);
});

test('cleaning that leaves no row names the reasons and the column to blame', async () => {
  const file = temp.write('all-bad.csv', 'a,b,label\n1,,0\n2,NaN,1\n3,inf,0\n4,,1\n');
  await rejectsWith(ingest({ file }), [
    file,
    "column 'b'",
    'dropped every one of the 4 rows',
    'missing cell: 2',
    'NaN cell: 1',
    'Inf cell: 1',
    "'fill' or 'interpolate'",
  ]);
});

test('a window longer than every recording names the longest one and its length', async () => {
  const file = temp.write('short.csv', 'recording,v,label\nr1,1,0\nr1,2,0\nr2,3,1\n');
  await rejectsWith(ingest({ file, window: { length: 5, stride: 1, label: 'last' } }), [
    file,
    "column 'recording'",
    "the longest recording, 'r1', has 2 usable rows",
    'window of at most 2 rows',
  ]);
  const single = temp.write('single.csv', 'v,label\n1,0\n2,0\n');
  await rejectsWith(ingest({ file: single, window: WINDOW }), [single, 'the file has only 2 usable rows']);
});

test('a window length or stride of 0 or less is a usage error naming the field', async () => {
  const file = temp.write('ok.csv', 'v,label\n1,0\n2,0\n3,1\n');
  const zero = await rejectsWith(ingest({ file, window: { ...WINDOW, length: 0 } }), [
    file,
    'window.length',
    'not 0',
  ]);
  assert.ok(zero instanceof UsageError);
  await rejectsWith(ingest({ file, window: { ...WINDOW, stride: -2 } }), [file, 'window.stride', 'not -2']);
  await rejectsWith(ingest({ file, window: { ...WINDOW, length: 2.5 } }), [file, 'window.length']);
});

test('the long layout without a window says how to give one', async () => {
  const file = temp.write('timed.csv', 'timestamp,v,label\n0,1,0\n1,2,1\n');
  await rejectsWith(ingest({ file }), [file, 'window', "timestamp column 'timestamp'", '--window']);
  await rejectsWith(ingest({ file: temp.write('plain.csv', 'v,label\n1,0\n'), layout: 'long' }), [
    'needs a window',
  ]);
});

test('column problems: duplicate names, a text column listed as a feature, no numeric feature', async () => {
  const twice = temp.write('twice.csv', 'a,b,a,label\n1,2,3,0\n');
  await rejectsWith(ingest({ file: twice }), [twice, 'header', "column 'a' appears twice (columns 1 and 3)"]);
  const text = temp.write('text.csv', 'a,name,label\n1,x,0\n2,y,1\n');
  await rejectsWith(ingest({ file: text, features: ['a', 'name'] }), [text, "column 'name'", 'holds text']);
  const none = temp.write('none.csv', 'name,label\nx,0\n');
  await rejectsWith(ingest({ file: none }), [none, 'no numeric feature columns']);
});

test('a .parquet name on a file that is not Parquet is refused', async () => {
  const file = temp.write('fake.parquet', 'a,label\n1,0\n');
  await rejectsWith(ingest({ file }), [file, 'PAR1']);
});
