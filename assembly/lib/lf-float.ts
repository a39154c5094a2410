// AssemblyScript (compiled by assembly/build.mjs, not by tsc): lane shuffles between float32
// (as the TypeScript kernels store values) and float64 (as they compute), for the recurrent kernels.

/** Both doubles rounded to float32 and back: what storing them in a Float32Array does. */
export function roundToF32(v: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v));
}

/** Four floats from two pairs of doubles (each rounded to float32). */
export function demoteFour(low: v128, high: v128): v128 {
  return i64x2.shuffle(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 2);
}

/** The first `count` (1 to 4) floats of v at `at`: a partial last group of units. */
export function storeFirst(at: usize, v: v128, count: i32): void {
  if (count >= 4) {
    v128.store(at, v);
    return;
  }
  v128.store32_lane(at, v, 0);
  if (count > 1) v128.store32_lane(at, v, 1, 4);
  if (count > 2) v128.store32_lane(at, v, 2, 8);
}
