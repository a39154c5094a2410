import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badCellReason, parseNumber } from '../../src/data/read/number.js';

test('plain decimals parse to the same double as Number()', () => {
  const cells = [
    '0',
    '-0.5',
    '1.25',
    '3.14159',
    '-2.718281828',
    '1e3',
    '1.5E-3',
    '-7e+2',
    '.5',
    '5.',
    '+4',
    '123456789012345',
    '0.1',
    '0.000001',
    '9007199254740993',
    '1.7976931348623157e308',
    '4.9e-324',
    '0.30000000000000004',
    '12345.678901234567',
  ];
  for (const cell of cells) assert.equal(parseNumber(cell, false), Number(cell), cell);
});

test('random doubles round-trip exactly through their shortest text', () => {
  let seed = 7;
  for (let i = 0; i < 2000; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const value = (seed / 2 ** 32 - 0.5) * 10 ** ((seed % 13) - 6);
    assert.equal(parseNumber(String(value), false), value);
    assert.equal(parseNumber(value.toFixed(6), false), Number(value.toFixed(6)));
  }
});

test('blanks around a number are allowed, the decimal comma only when asked for', () => {
  assert.equal(parseNumber('  2.5 ', false), 2.5);
  assert.equal(parseNumber('\t-1\t', false), -1);
  assert.equal(parseNumber('1,25', true), 1.25);
  assert.equal(parseNumber('-0,001', true), -0.001);
  assert.equal(parseNumber('3,5e2', true), 350);
  assert.ok(Number.isNaN(parseNumber('1,25', false)));
  // A decimal-comma file may still hold a dotted number.
  assert.equal(parseNumber('1.5', true), 1.5);
});

test('anything that is not one plain number gives NaN', () => {
  for (const cell of [
    '',
    '   ',
    'abc',
    '1.2.3',
    '1e',
    'e5',
    '-',
    '+',
    '.',
    '1 2',
    '0x10',
    '12abc',
    'NaN',
    'inf',
    '1,5,5',
  ]) {
    assert.ok(Number.isNaN(parseNumber(cell, true)), cell);
  }
});

test('bad cells are told apart: missing, NaN, Inf, text', () => {
  assert.equal(badCellReason('', false), 'missing cell');
  assert.equal(badCellReason('  ', false), 'missing cell');
  assert.equal(badCellReason('NA', false), 'missing cell');
  assert.equal(badCellReason('null', false), 'missing cell');
  assert.equal(badCellReason('NaN', false), 'NaN cell');
  assert.equal(badCellReason('-nan', false), 'NaN cell');
  assert.equal(badCellReason('inf', false), 'Inf cell');
  assert.equal(badCellReason('-Infinity', false), 'Inf cell');
  assert.equal(badCellReason('1e400', false), 'Inf cell');
  assert.equal(badCellReason('ball', false), 'non-numeric cell');
  assert.equal(badCellReason('1,5', false), 'non-numeric cell');
});
