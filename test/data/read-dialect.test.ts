import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectDialect } from '../../src/data/read/dialect.js';

test('the delimiter that splits every line alike wins', () => {
  assert.deepEqual(detectDialect('a,b,label\n1,2,0\n3,4,1\n', true), { delimiter: ',', decimal: '.' });
  assert.deepEqual(detectDialect('a;b;label\n1;2;0\n3;4;1\n', true), { delimiter: ';', decimal: '.' });
  assert.deepEqual(detectDialect('a\tb\tlabel\n1\t2\t0\n', true), { delimiter: '\t', decimal: '.' });
});

test('a semicolon file with decimal commas is not taken for comma-separated', () => {
  const text = 'time;acc x;label\n0,5;1,25;0\n1,0;-2,5;1\n1,5;3,75;1\n';
  assert.deepEqual(detectDialect(text, true), { delimiter: ';', decimal: ',' });
  assert.deepEqual(detectDialect(text.replaceAll(';', '\t'), true), { delimiter: '\t', decimal: ',' });
});

test('delimiters inside quotes do not count, and a quoted newline does not end the record', () => {
  const text = 'name,"note; with, commas",label\n"a;b","x\ny;z",1\n"c;d","w",0\n';
  assert.equal(detectDialect(text, true).delimiter, ',');
  const semicolons = 'name;note;label\n"a,b,c";"1,2";1\n"d,e";"3";0\n';
  assert.equal(detectDialect(semicolons, true).delimiter, ';');
});

test('CRLF line ends and a line cut off by the chunk end do not disturb the guess', () => {
  assert.deepEqual(detectDialect('a;b\r\n1;2\r\n3;4\r\n5', false), { delimiter: ';', decimal: '.' });
  // Old Mac files end lines with CR alone.
  assert.deepEqual(detectDialect('a;b;c\r1;2,5;0\r3;4,25;1\r', true), { delimiter: ';', decimal: ',' });
});

test('a single-column file falls back to the comma', () => {
  assert.equal(detectDialect('label\n1\n0\n', true).delimiter, ',');
});
