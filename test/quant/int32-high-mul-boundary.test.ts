/**
 * saturatingRoundingDoublingHighMul floors a double quotient for products below 2^52 and
 * splits larger ones. These pairs put a·b + nudge within a few units of a multiple of 2^31,
 * on both sides, where any inexact step would change the truncation: checked against BigInt.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INT32_MAX, INT32_MIN, saturatingRoundingDoublingHighMul } from '../../src/quant/arith/int32.js';
import { Random } from '../../src/util/random.js';

const N = 100_000;

/** gemmlowp's definition: (a·b + nudge) / 2^31 truncated toward zero, nudge ±2^30. */
function reference(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const product = BigInt(a) * BigInt(b);
  const nudge = product >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return Number((product + nudge) / (1n << 31n));
}

function inInt32(x: number): boolean {
  return x >= INT32_MIN && x <= INT32_MAX;
}

test('products next to a multiple of 2^31 truncate exactly as the BigInt definition', () => {
  const random = new Random(5);
  let checked = 0;
  while (checked < N) {
    // a large enough that products reach 2^62, where doubles lose the low 9 bits.
    const a = (random.next() < 0.5 ? -1 : 1) * (random.int(2 ** 31 - 2 ** 20) + 2 ** 20);
    const target = random.int(2 ** 32) - 2 ** 31;
    const nudge = target >= 0 ? 2 ** 30 : 1 - 2 ** 30;
    // b with a·b + nudge ≈ target·2^31, then stepped across the boundary.
    const b = Math.round((target * 2 ** 31 - nudge) / a) + random.int(5) - 2;
    if (!inInt32(b)) continue;
    assert.equal(saturatingRoundingDoublingHighMul(a, b), reference(a, b), `a=${a} b=${b}`);
    checked++;
  }
});

test('multipliers with the low 16 bits clear (power-of-two scales) give exact products of any size', () => {
  const random = new Random(6);
  for (let i = 0; i < N; i++) {
    const a = random.int(2 ** 32) - 2 ** 31;
    const b = (random.int(2 ** 16) - 2 ** 15) * 0x10000;
    assert.equal(saturatingRoundingDoublingHighMul(a, b), reference(a, b), `a=${a} b=${b}`);
  }
  // 2^30 (the multiplier of 2^-1): (a + 1) / 2 rounded down, for odd a too.
  assert.equal(saturatingRoundingDoublingHighMul(INT32_MAX, 1 << 30), 1 << 30);
  assert.equal(saturatingRoundingDoublingHighMul(-7, 1 << 30), -3);
});

test('exact multiples and the saturating corner', () => {
  assert.equal(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN), INT32_MAX);
  assert.equal(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MAX), -INT32_MAX);
  assert.equal(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);
  assert.equal(saturatingRoundingDoublingHighMul(-(1 << 30), 1 << 30), -(1 << 29));
  // ±3·2^30 / 2^31 = ±1.5 exactly: the nudge rounds ties upward, to 2 and to -1.
  assert.equal(saturatingRoundingDoublingHighMul(3, 1 << 30), 2);
  assert.equal(saturatingRoundingDoublingHighMul(-3, 1 << 30), -1);
  assert.ok(Object.is(saturatingRoundingDoublingHighMul(-1, 1), 0), 'no negative zero');
});
