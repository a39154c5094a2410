/**
 * The int32 fixed-point primitives against exact BigInt references on 100k random inputs
 * each, edge values (INT32_MIN, INT32_MAX, 0, ±1, saturation) always included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INT32_MAX,
  INT32_MIN,
  multiplyByQuantizedMultiplier,
  roundHalfAwayFromZero,
  roundingDivideByPowerOfTwo,
  roundingHalfSum,
  saturatingRoundingDoublingHighMul,
  saturatingRoundingMultiplyByPowerOfTwo,
} from '../../src/quant/arith/int32.js';
import { Random } from '../../src/util/random.js';

const N = 100_000;
const EDGES = [INT32_MIN, INT32_MIN + 1, -65536, -32768, -1, 0, 1, 32767, 65536, INT32_MAX - 1, INT32_MAX];

/** Edge values a tenth of the time, small values a tenth, otherwise uniform over int32. */
function int32(random: Random): number {
  const pick = random.next();
  if (pick < 0.1) return EDGES[random.int(EDGES.length)];
  if (pick < 0.2) return random.int(2001) - 1000;
  return random.int(2 ** 32) + INT32_MIN;
}

/** Division rounding half away from zero, the way the definitions state it. */
function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
  const magnitude = (2n * (numerator < 0n ? -numerator : numerator) + denominator) / (2n * denominator);
  return numerator < 0n ? -magnitude : magnitude;
}

/** ⌊n / d⌋ for d > 0 (BigInt division truncates toward zero). */
function floorQuotient(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n < 0n && q * d !== n ? q - 1n : q;
}

/** ⌊a·b/2^31 + 1/2⌋: nearest, ties upward; the one overflow (INT32_MIN²) saturates. */
function srdhmReference(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  return Number(floorQuotient(BigInt(a) * BigInt(b) + 2n ** 30n, 2n ** 31n));
}

function rdbpReference(x: number, exponent: number): number {
  return Number(roundedQuotient(BigInt(x), 2n ** BigInt(exponent)));
}

/** The left shift wraps as int32 (as the C multiplication does), the right shift rounds after the high multiply. */
function mbqmReference(x: number, multiplier: number, shift: number): number {
  const shifted = shift > 0 ? Number(BigInt.asIntN(32, BigInt(x) << BigInt(shift))) : x;
  const high = srdhmReference(shifted, multiplier);
  return shift < 0 ? rdbpReference(high, -shift) : high;
}

test('saturatingRoundingDoublingHighMul equals a·b/2^31 rounded, ties upward (BigInt), with INT32_MIN² saturating', () => {
  const random = new Random(1);
  for (const a of EDGES)
    for (const b of EDGES)
      assert.equal(saturatingRoundingDoublingHighMul(a, b), srdhmReference(a, b), `${a}·${b}`);
  for (let i = 0; i < N; i++) {
    const a = int32(random);
    const b = int32(random);
    assert.equal(saturatingRoundingDoublingHighMul(a, b), srdhmReference(a, b), `${a}·${b}`);
  }
  // Hand-checked: 2^30·2^30/2^31 = 2^29; ties go up: 3·2^30/2^31 = 1.5 -> 2, -1.5 -> -1; -1.75 -> -2.
  assert.equal(saturatingRoundingDoublingHighMul(2 ** 30, 2 ** 30), 2 ** 29);
  assert.equal(saturatingRoundingDoublingHighMul(3, 2 ** 30), 2);
  assert.equal(saturatingRoundingDoublingHighMul(-3, 2 ** 30), -1);
  assert.equal(saturatingRoundingDoublingHighMul(-7, 2 ** 29), -2);
  assert.equal(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN), INT32_MAX);
  assert.equal(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MAX), -INT32_MAX);
});

test('roundingDivideByPowerOfTwo equals x/2^e rounded half away from zero (BigInt) for e = 0..31', () => {
  const random = new Random(2);
  for (let i = 0; i < N; i++) {
    const x = int32(random);
    const exponent = random.int(32);
    assert.equal(roundingDivideByPowerOfTwo(x, exponent), rdbpReference(x, exponent), `${x} / 2^${exponent}`);
  }
  assert.deepEqual(
    [5, -5, 6, -6, 7, -7].map((x) => roundingDivideByPowerOfTwo(x, 2)),
    [1, -1, 2, -2, 2, -2], // 1.25, -1.25, 1.5, -1.5, 1.75, -1.75
  );
  assert.equal(roundingDivideByPowerOfTwo(INT32_MIN, 31), -1);
  assert.equal(roundingDivideByPowerOfTwo(INT32_MAX, 31), 1);
});

test('multiplyByQuantizedMultiplier equals the double-rounding definition (BigInt) over all shifts', () => {
  const random = new Random(3);
  for (let i = 0; i < N; i++) {
    const x = int32(random);
    const multiplier = 2 ** 30 + random.int(2 ** 30);
    // Right shifts down to -31; left shifts, rarer in practice, up to 30 (they wrap like the C code).
    const shift = random.int(62) - 31;
    assert.equal(
      multiplyByQuantizedMultiplier(x, multiplier, shift),
      mbqmReference(x, multiplier, shift),
      `${x}, ${multiplier}, ${shift}`,
    );
  }
  // 1000 · 0.75 · 2^-3: 1610612736 is 0.75 in Q0.31; 750 / 8 = 93.75 -> 94.
  assert.equal(multiplyByQuantizedMultiplier(1000, 1610612736, -3), 94);
  // Double rounding: 5 · 0.5 = 2.5 rounds to 3 in the high multiply, then 3 / 2 = 1.5 rounds to 2
  // (one rounding of 1.25 would give 1).
  assert.equal(multiplyByQuantizedMultiplier(5, 2 ** 30, -1), 2);
  // A left shift multiplies first: 3 · 2^2 · 0.5 = 6.
  assert.equal(multiplyByQuantizedMultiplier(3, 2 ** 30, 2), 6);
});

test('saturatingRoundingMultiplyByPowerOfTwo saturates left shifts and rounds right shifts', () => {
  const random = new Random(4);
  for (let i = 0; i < N; i++) {
    const x = int32(random);
    const exponent = random.int(61) - 30;
    const exact = BigInt(x) * 2n ** BigInt(Math.max(exponent, 0));
    const expected =
      exponent < 0
        ? rdbpReference(x, -exponent)
        : Number(
            exact > BigInt(INT32_MAX)
              ? BigInt(INT32_MAX)
              : exact < BigInt(INT32_MIN)
                ? BigInt(INT32_MIN)
                : exact,
          );
    assert.equal(saturatingRoundingMultiplyByPowerOfTwo(x, exponent), expected, `${x} · 2^${exponent}`);
  }
});

test('roundingHalfSum and roundHalfAwayFromZero round halves away from zero', () => {
  const random = new Random(5);
  for (let i = 0; i < N; i++) {
    const a = int32(random);
    const b = int32(random);
    assert.equal(roundingHalfSum(a, b), Number(roundedQuotient(BigInt(a) + BigInt(b), 2n)), `${a}, ${b}`);
  }
  assert.deepEqual([2.5, -2.5, 0.49999999999999994, -0.5, 3.2].map(roundHalfAwayFromZero), [3, -3, 0, -1, 3]);
});
