/**
 * 32-bit fixed-point primitives exactly as TensorFlow Lite's reference kernels compute them
 * (gemmlowp's scalar code, TFLite's default "double rounding" requantization). Every int8
 * kernel and the generated C use these rules and no others.
 *
 * Values are JavaScript numbers holding int32 values. Products of two int32 values need up
 * to 62 bits, more than a double holds exactly, so the high multiply splits one factor into
 * 16-bit halves and keeps every partial result below 2^53.
 */

export const INT32_MIN = -0x80000000;
export const INT32_MAX = 0x7fffffff;

const TWO_POW_15 = 0x8000;
const TWO_POW_16 = 0x10000;
const TWO_POW_30 = 0x40000000;
const TWO_POW_31 = 0x80000000;
/** Multiplying by it divides by 2^31 exactly, and faster. */
const TWO_POW_MINUS_31 = 2 ** -31;
const TWO_POW_52 = 2 ** 52;
/** Twice the fast path's worst error (2^-21) in the high multiply's quotient. */
const FAST_PATH_MARGIN = 2 ** -20;

/** min(max(x, low), high). */
export function clamp(x: number, low: number, high: number): number {
  return x < low ? low : x > high ? high : x;
}

/** C's round(): halves go away from zero. */
export function roundHalfAwayFromZero(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * gemmlowp SaturatingRoundingDoublingHighMul (ARM VQRDMULH): a·b / 2^31 rounded to nearest,
 * ties upward (its nudge-and-truncate), with INT32_MIN · INT32_MIN saturating to INT32_MAX.
 */
export function saturatingRoundingDoublingHighMul(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  // The nudge-and-truncate is ⌊(a·b + 2^30) / 2^31⌋ for either sign (for a·b < 0, C's
  // truncation of (a·b + 1 - 2^30) / 2^31 is that floor). Below 2^52 the double product and
  // sum are exact; above, the quotient is within 2^-21 of the exact one, so away from
  // integers both floor alike.
  const product = a * b;
  const quotient = (product + TWO_POW_30) * TWO_POW_MINUS_31;
  if (product < TWO_POW_52 && product > -TWO_POW_52) return Math.floor(quotient);
  const fraction = quotient - Math.floor(quotient);
  if (fraction > FAST_PATH_MARGIN && fraction < 1 - FAST_PATH_MARGIN) return Math.floor(quotient);
  return exactDoublingHighMul(a, b);
}

/** saturatingRoundingDoublingHighMul without saturation, exact for every int32 pair but INT32_MIN². */
function exactDoublingHighMul(a: number, b: number): number {
  const negative = a < 0 !== b < 0;
  const absA = Math.abs(a);
  const absB = Math.abs(b);
  // |a·b| = P·2^16 + L with P = |a|·high16(|b|) < 2^47 and L = |a|·low16(|b|) < 2^47.
  const high = Math.floor(absB / TWO_POW_16);
  const low = absB - high * TWO_POW_16;
  const product = absA * high;
  // gemmlowp adds 2^30 to positive products and 1 - 2^30 to negative ones, then truncates: on
  // magnitudes that is +2^30 and +(2^30 - 1) before flooring.
  const nudged = absA * low + (negative ? TWO_POW_30 - 1 : TWO_POW_30);
  // (P·2^16 + L) / 2^31 = P1 + (P0·2^16 + L) / 2^31 with P = P1·2^15 + P0, all exact.
  const productHigh = Math.floor(product / TWO_POW_15);
  const rest = (product - productHigh * TWO_POW_15) * TWO_POW_16 + nudged;
  const magnitude = productHigh + Math.floor(rest / TWO_POW_31);
  return negative ? -magnitude | 0 : magnitude;
}

/** gemmlowp RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero (0 <= exponent <= 31). */
export function roundingDivideByPowerOfTwo(x: number, exponent: number): number {
  if (exponent === 0) return x;
  const mask = exponent === 31 ? INT32_MAX : (1 << exponent) - 1;
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/**
 * gemmlowp SaturatingRoundingMultiplyByPOT: x · 2^exponent, saturating when exponent > 0 and
 * rounding (roundingDivideByPowerOfTwo) when exponent < 0.
 */
export function saturatingRoundingMultiplyByPowerOfTwo(x: number, exponent: number): number {
  if (exponent === 0) return x;
  if (exponent < 0) return roundingDivideByPowerOfTwo(x, -exponent);
  const threshold = (1 << (31 - exponent)) - 1;
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return x << exponent;
}

/**
 * TFLite MultiplyByQuantizedMultiplier (double rounding, its default build): x · multiplier ·
 * 2^(shift - 31). A left shift is applied to x first (wrapping as int32, as the C code does),
 * a right shift rounds after the high multiply. With shift <= 0 this is also TFLite's
 * MultiplyByQuantizedMultiplierSmallerThanOneExp, with shift >= 0 its ...GreaterThanOne.
 */
export function multiplyByQuantizedMultiplier(x: number, multiplier: number, shift: number): number {
  if (shift > 0) return saturatingRoundingDoublingHighMul(Math.imul(x, 1 << shift), multiplier);
  return roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMul(x, multiplier), -shift);
}

/** gemmlowp RoundingHalfSum: (a + b) / 2 rounded half away from zero. */
export function roundingHalfSum(a: number, b: number): number {
  const sum = a + b;
  return Math.trunc((sum + (sum >= 0 ? 1 : -1)) / 2);
}
