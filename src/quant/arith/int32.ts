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
/** Multiplying by these divides exactly, and faster than dividing. */
const TWO_POW_MINUS_15 = 2 ** -15;
const TWO_POW_MINUS_31 = 2 ** -31;
const TWO_POW_52 = 2 ** 52;

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
  // sum are exact.
  const product = a * b;
  // A multiplier with its low 16 bits clear (such as 2^30 for power-of-two scales) keeps the
  // product within 47 significant bits, so it and the sum are exact at any size.
  if ((product < TWO_POW_52 && product > -TWO_POW_52) || (b & 0xffff) === 0)
    return Math.floor((product + TWO_POW_30) * TWO_POW_MINUS_31) | 0;
  // a·b = H·2^16 + L with H = a·(b >> 16), |H| < 2^46, and L = a·low16(b), |L| < 2^47; then
  // H = Q·2^15 + R with 0 <= R < 2^15 makes a·b + 2^30 = Q·2^31 + (R·2^16 + L + 2^30), all exact.
  const high = a * (b >> 16);
  const highQuotient = Math.floor(high * TWO_POW_MINUS_15);
  const rest = (high - highQuotient * TWO_POW_15) * TWO_POW_16 + a * (b & 0xffff) + TWO_POW_30;
  // | 0: the result fits int32; kept as one, the shifts after it need no conversion.
  return (highQuotient + Math.floor(rest * TWO_POW_MINUS_31)) | 0;
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
