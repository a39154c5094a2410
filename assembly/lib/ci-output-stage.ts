// AssemblyScript: the int8 output stage (TFLite's MultiplyByQuantizedMultiplier with its double
// rounding, output zero point, activation clamp) on four channels at once, in 64-bit lanes where
// the products need them. Its constants are laid out by src/runtime/wasm/int8-output-stage.ts.

/** Bytes of one quad's constants: bias, 2^leftShift, multiplier (i32x4 each), then round, negative-nudge mask and 2^(31 - rightShift) (two i64x2 each). */
export const QUAD_BYTES: i32 = 144;

/**
 * (p + 2^30) >> 31 (the rounding doubling high multiply, its saturating case out of reach with
 * multipliers below 2^31), then divided by 2^e rounding half away from zero: + 2^(e-1), - 1 when
 * negative and e > 0, times 2^(31 - e), >> 31. Every step is exact in 64 bits.
 */
function roundedPair(product: v128, at: usize): v128 {
  const high = i64x2.shr_s(i64x2.add(product, i64x2.splat(0x40000000)), 31);
  const nudge = v128.and(i64x2.shr_s(high, 63), v128.load(at, 32));
  const rounded = i64x2.add(i64x2.add(high, v128.load(at)), nudge);
  return i64x2.shr_s(i64x2.mul(rounded, v128.load(at, 64)), 31);
}

/** The scaled values (before the zero point) of four accumulators with the quad's constants at `quad`. */
export function scaleQuad(acc: v128, quad: usize): v128 {
  // The left shift wraps as TFLite's int32 multiply does.
  const shifted = i32x4.mul(i32x4.add(acc, v128.load(quad)), v128.load(quad, 16));
  const multiplier = v128.load(quad, 32);
  const low = roundedPair(i64x2.extmul_low_i32x4_s(shifted, multiplier), quad + 48);
  const high = roundedPair(i64x2.extmul_high_i32x4_s(shifted, multiplier), quad + 64);
  return v128.shuffle<i32>(low, high, 0, 2, 4, 6);
}

/**
 * Eight int8 outputs from eight accumulators (channels of the quads at `quads`), stored as eight
 * bytes at `out`: plus the zero point, clamped to [low, high] (all three splatted i32x4).
 */
export function storeEight(
  first: v128,
  second: v128,
  quads: usize,
  zeroPoint: v128,
  low: v128,
  high: v128,
  out: usize,
): void {
  const a = i32x4.min_s(i32x4.max_s(i32x4.add(scaleQuad(first, quads), zeroPoint), low), high);
  const b = i32x4.min_s(i32x4.max_s(i32x4.add(scaleQuad(second, quads + QUAD_BYTES), zeroPoint), low), high);
  const words = i16x8.narrow_i32x4_s(a, b);
  v128.store64_lane(out, i8x16.narrow_i16x8_s(words, words), 0);
}
