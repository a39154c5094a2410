// AssemblyScript: TFLite's integer rescale, src/quant/arith/int32.ts multiplyByQuantizedMultiplier,
// on four int32 lanes at once, and its saturation to int16 as the int8 LSTM stores each result.
// Every step is the scalar code's in 32-bit (or exact 64-bit) integer arithmetic, so each lane
// equals the TypeScript result bit for bit.

/**
 * Bytes of one multiplier's record, written by src/runtime/wasm/lstm-int8.ts: the multiplier,
 * the rounding mask 2^right - 1 and that mask >> 1, each in four i32 lanes; then the left shift
 * max(shift, 0) and the right shift max(-shift, 0) as i32.
 */
export const RESCALE_BYTES: usize = 64;

/** 2^30: the doubling high multiply's rounding term. */
const HALF: i64 = 0x40000000;

/**
 * multiplyByQuantizedMultiplier per lane. The multiplier must not be INT32_MIN (the high
 * multiply's one saturating case needs both factors at INT32_MIN).
 */
// @ts-ignore: decorator
@inline
function rescale(x: v128, multiplier: v128, mask: v128, halfMask: v128, leftShift: i32, rightShift: i32): v128 {
  // Math.imul(x, 1 << shift): the same wrap as a 32-bit left shift (none for shift <= 0).
  const shifted = leftShift === 0 ? x : i32x4.shl(x, leftShift);
  // ⌊(a·b + 2^30) / 2^31⌋ exactly in 64 bits; its low 32 bits are the same after either shift.
  const round = i64x2.splat(HALF);
  const low = i64x2.shr_u(i64x2.add(i64x2.extmul_low_i32x4_s(shifted, multiplier), round), 31);
  const high = i64x2.shr_u(i64x2.add(i64x2.extmul_high_i32x4_s(shifted, multiplier), round), 31);
  const product = i32x4.shuffle(low, high, 0, 2, 4, 6);
  // roundingDivideByPowerOfTwo: halves away from zero (with exponent 0 the mask makes it exact).
  const remainder = v128.and(product, mask);
  const threshold = i32x4.add(halfMask, i32x4.shr_u(product, 31));
  // gt_s is -1 where true: subtracting it adds 1.
  return i32x4.sub(i32x4.shr_s(product, rightShift), i32x4.gt_s(remainder, threshold));
}

/** Eight int32 values (two vectors) rescaled by the record at `at` and saturated to int16, as TFLite stores them. */
// @ts-ignore: decorator
@inline
export function rescaleToInt16(low: v128, high: v128, at: usize): v128 {
  const multiplier = v128.load(at);
  const mask = v128.load(at, 16);
  const halfMask = v128.load(at, 32);
  const left = load<i32>(at, 48);
  const right = load<i32>(at, 52);
  return i16x8.narrow_i32x4_s(
    rescale(low, multiplier, mask, halfMask, left, right),
    rescale(high, multiplier, mask, halfMask, left, right),
  );
}

/** Eight int16 products a·b, rescaled and saturated to int16. */
// @ts-ignore: decorator
@inline
export function productToInt16(a: v128, b: v128, at: usize): v128 {
  return rescaleToInt16(i32x4.extmul_low_i16x8_s(a, b), i32x4.extmul_high_i16x8_s(a, b), at);
}
