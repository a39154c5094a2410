import { test } from 'node:test';
import assert from 'node:assert/strict';
import { floatToHalfBits, halfBitsToFloat } from '../../src/quant/weight-only/float16-bits.js';

/** IEEE 754 binary16 encodings (sign | 5-bit exponent, bias 15 | 10-bit mantissa), worked by hand. */
const KNOWN: [number, number][] = [
  [0, 0x0000],
  [-0, 0x8000],
  [1, 0x3c00],
  [-2, 0xc000],
  [0.5, 0x3800],
  [65504, 0x7bff], // largest finite half
  [2 ** -14, 0x0400], // smallest normal
  [2 ** -24, 0x0001], // smallest subnormal
  [1023 * 2 ** -24, 0x03ff], // largest subnormal
  [Infinity, 0x7c00],
  [-Infinity, 0xfc00],
];

/** Values a half cannot hold exactly: [value, bits, the half's value]. */
const ROUNDED: [number, number, number][] = [
  [0.1, 0x2e66, 1638 * 2 ** -14], // 0.1 = 1.6 x 2^-4: mantissa 0.6 x 1024 = 614.4 -> 614; (1024 + 614) x 2^-14
  [1 / 3, 0x3555, 1365 * 2 ** -12], // 1.333.. x 2^-2: 0.333.. x 1024 = 341.33 -> 341; (1024 + 341) x 2^-12
];

test('numbers encode to their IEEE half bit patterns', () => {
  for (const [value, bits] of [...KNOWN, ...ROUNDED]) assert.equal(floatToHalfBits(value), bits, `${value}`);
  assert.equal(floatToHalfBits(NaN) & 0x7c00, 0x7c00);
  assert.notEqual(floatToHalfBits(NaN) & 0x03ff, 0);
});

test('rounding is to nearest, ties to even, and overflow goes to infinity', () => {
  // Halfway between 1 (mantissa 0, even) and 1 + 2^-10 (mantissa 1): to the even one.
  assert.equal(floatToHalfBits(1 + 2 ** -11), 0x3c00);
  // Halfway between mantissas 1 and 2: to 2.
  assert.equal(floatToHalfBits(1 + 3 * 2 ** -11), 0x3c02);
  assert.equal(floatToHalfBits(1 + 2 ** -11 + 2 ** -20), 0x3c01);
  // The largest mantissa rounding up carries into the exponent: 2 - 2^-12 -> 2.
  assert.equal(floatToHalfBits(2 - 2 ** -12), 0x4000);
  // Subnormal ties: 0.5 unit -> 0, 1.5 units -> 2.
  assert.equal(floatToHalfBits(2 ** -25), 0x0000);
  assert.equal(floatToHalfBits(3 * 2 ** -25), 0x0002);
  // 65519 rounds down to 65504; 65520 (halfway to 65536) rounds to infinity.
  assert.equal(floatToHalfBits(65519), 0x7bff);
  assert.equal(floatToHalfBits(65520), 0x7c00);
  assert.equal(floatToHalfBits(-1e9), 0xfc00);
});

test('half bit patterns decode to their values, and every non-NaN pattern survives a round trip', () => {
  for (const [value, bits] of KNOWN)
    assert.ok(
      Object.is(
        halfBitsToFloat(bits),
        value === 0.1 ? 0.0999755859375 : value === 1 / 3 ? 0.333251953125 : value,
      ),
      `${bits.toString(16)}`,
    );
  assert.ok(Number.isNaN(halfBitsToFloat(0x7e00)));
  for (let bits = 0; bits < 0x10000; bits++) {
    const value = halfBitsToFloat(bits);
    if (Number.isNaN(value)) continue;
    assert.equal(floatToHalfBits(value), bits);
  }
});
