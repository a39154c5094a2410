/**
 * The int16 activation tables against the functions they stand for, over every int16 input,
 * and a few entries against TFLite's table arithmetic worked by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logisticInt16, tanhInt16, tanhInt16Scaling } from '../../src/quant/arith/int16-activations.js';
import {
  INT16_TABLE_OFFSET,
  logisticInt16Table,
  tanhInt16Table,
} from '../../src/quant/arith/int16-activation-tables.js';

function exhaustive(table: Int16Array, f: (x: number) => number, name: string): void {
  for (let x = -32768; x <= 32767; x++) {
    if (table[x + INT16_TABLE_OFFSET] !== f(x))
      assert.fail(`${name}(${x}): ${table[x + INT16_TABLE_OFFSET]} vs ${f(x)}`);
  }
}

test('the logistic table equals logisticInt16 on all 65,536 inputs', () => {
  const table = logisticInt16Table();
  exhaustive(table, logisticInt16, 'logistic');
  // 0 is sigmoid(0) = 1/2 in Q0.15; the table's first entry 32768 · 2^9 + 512 >> 10 = 16384.
  assert.equal(table[INT16_TABLE_OFFSET], 16384);
  assert.equal(logisticInt16Table(), table, 'built once');
});

test('tanh tables equal tanhInt16 on all inputs, for gate and cell-state scalings', () => {
  for (const power of [-12, -11, -15, -9]) {
    const scaling = tanhInt16Scaling(power);
    exhaustive(tanhInt16Table(scaling), (x) => tanhInt16(x, scaling), `tanh 2^${power}`);
  }
  // tanh(0) = 0: (32768·256 - 2^23 + 2^7) >> 8 = 0.
  assert.equal(tanhInt16Table(tanhInt16Scaling(-12))[INT16_TABLE_OFFSET], 0);
});
