// AssemblyScript: the int8 output stage (TFLite's MultiplyByQuantizedMultiplier with its double
// rounding, output zero point, activation clamp) on four channels at once, in 64-bit lanes where
// the products need them and in doubles for the per-channel rounding shift. Its constants are laid out by src/runtime/wasm/int8-output-stage.ts.

/**
 * Bytes of one quad's constants: i32x4 bias, 2^leftShift, multiplier and negative-nudge mask
 * (-1 where the right shift is above 0), then f64x2 pairs of the rounding term 2^(e-1) and the
 * scale 2^-e for right shift e (lanes 0-1, then 2-3).
 */
export const QUAD_BYTES: i32 = 128;

/**
 * The scaled values (before the zero point) of four accumulators with the quad's constants at
 * `quad`. The rounding doubling high multiply is (a·b + 2^30) >> 31 in 64-bit lanes (its
 * saturating case is out of reach with multipliers below 2^31; the result fits 32 bits, so a
 * logical shift leaves the same low half). The rounding right shift, half away from zero, is
 * ⌊(h - 1 if negative + 2^(e-1)) · 2^-e⌋ in doubles, where every step is exact; adding 1.5·2^52
 * then leaves that integer in each double's low 32 bits.
 */
export function scaleQuad(acc: v128, quad: usize): v128 {
  // The left shift wraps as TFLite's int32 multiply does.
  const shifted = i32x4.mul(i32x4.add(acc, v128.load(quad)), v128.load(quad, 16));
  const multiplier = v128.load(quad, 32);
  const nudge = i64x2.splat(0x40000000);
  const low = i64x2.shr_u(i64x2.add(i64x2.extmul_low_i32x4_s(shifted, multiplier), nudge), 31);
  const high = i64x2.shr_u(i64x2.add(i64x2.extmul_high_i32x4_s(shifted, multiplier), nudge), 31);
  const product = v128.shuffle<i32>(low, high, 0, 2, 4, 6);
  const nudged = i32x4.add(product, v128.and(i32x4.shr_s(product, 31), v128.load(quad, 48)));
  const first = f64x2.convert_low_i32x4_s(nudged);
  const second = f64x2.convert_low_i32x4_s(v128.shuffle<i32>(nudged, nudged, 2, 3, 2, 3));
  const firstScaled = f64x2.floor(f64x2.mul(f64x2.add(first, v128.load(quad, 64)), v128.load(quad, 96)));
  const secondScaled = f64x2.floor(f64x2.mul(f64x2.add(second, v128.load(quad, 80)), v128.load(quad, 112)));
  const toLowWord = f64x2.splat(6755399441055744.0);
  return v128.shuffle<i32>(f64x2.add(firstScaled, toLowWord), f64x2.add(secondScaled, toLowWord), 0, 2, 4, 6);
}

/**
 * Eight int8 outputs from eight accumulators (channels of the quads at `quads`), stored as eight
 * bytes at `out`: plus the zero point, clamped to [low, high]. The clamp comes first (to the
 * range minus the zero point), so a result next to the int32 ends saturates instead of wrapping.
 */
export function storeEight(
  first: v128,
  second: v128,
  quads: usize,
  zeroPoint: i32,
  low: i32,
  high: i32,
  out: usize,
): void {
  const offset = i32x4.splat(zeroPoint);
  const lowest = i32x4.splat(low - zeroPoint);
  const highest = i32x4.splat(high - zeroPoint);
  const a = i32x4.add(i32x4.min_s(i32x4.max_s(scaleQuad(first, quads), lowest), highest), offset);
  const b = i32x4.add(
    i32x4.min_s(i32x4.max_s(scaleQuad(second, quads + QUAD_BYTES), lowest), highest),
    offset,
  );
  const words = i16x8.narrow_i32x4_s(a, b);
  v128.store64_lane(out, i8x16.narrow_i16x8_s(words, words), 0);
}
