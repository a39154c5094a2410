// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the logistic function and tanh on
// two doubles at a time, the WebAssembly twin of src/runtime/kernels/float/transcendental.ts.
// Every operation is the one that file performs, in the same order, so each result is the same
// double bit for bit (rounded to float32 by the caller, as the TypeScript kernels store it):
//   e^z = 2^n · 2^(j/64) · (1 + r + r²/2 + r³/6),  z = (64n + j)·ln2/64 + r,  z clamped to ±200.
// 2^(j/64) comes from a table of 64 doubles the kernel factory writes into memory (the module has
// no static data); 2^n is built from its exponent bits, which equals the table of powers of two.
import { roundToF32 } from './lf-float';

const OCTAVE_BITS: i32 = 6;
const LIMIT: f64 = 200;
const STEPS_PER_UNIT: f64 = 64.0 / Math.LN2;
const STEP: f64 = Math.LN2 / 64.0;
const EXPONENT_BIAS: i64 = 1023;
const MANTISSA_BITS: i32 = 52;

/** scale / (1 + e^(-scale·x)) + shift in both lanes; NaN stays NaN. `table` holds 2^(j/64), j < 64. */
function scaledLogistic(x: v128, scale: f64, shift: f64, table: usize): v128 {
  // min/max pass NaN through, as the TypeScript comparisons do.
  const z = f64x2.min(f64x2.max(f64x2.mul(f64x2.splat(-scale), x), f64x2.splat(-LIMIT)), f64x2.splat(LIMIT));
  // Round half to even, as the TypeScript kernel's add-and-subtract of 1.5·2^52 does.
  const k = f64x2.nearest(f64x2.mul(z, f64x2.splat(STEPS_PER_UNIT)));
  const r = f64x2.sub(z, f64x2.mul(k, f64x2.splat(STEP)));
  const steps = i32x4.trunc_sat_f64x2_s_zero(k);
  const octaves = i64x2.extend_low_i32x4_s(i32x4.shr_s(steps, OCTAVE_BITS));
  const octavePower = i64x2.shl(i64x2.add(octaves, i64x2.splat(EXPONENT_BIAS)), MANTISSA_BITS);
  const fractions = v128.and(steps, i32x4.splat((1 << OCTAVE_BITS) - 1));
  const fractionPower = f64x2.replace_lane(
    f64x2.splat(load<f64>(table + ((<usize>i32x4.extract_lane(fractions, 0)) << 3))),
    1,
    load<f64>(table + ((<usize>i32x4.extract_lane(fractions, 1)) << 3)),
  );
  const one = f64x2.splat(1);
  const series = f64x2.add(
    one,
    f64x2.mul(
      r,
      f64x2.add(one, f64x2.mul(r, f64x2.add(f64x2.splat(0.5), f64x2.mul(r, f64x2.splat(1.0 / 6.0))))),
    ),
  );
  const e = f64x2.mul(f64x2.mul(octavePower, fractionPower), series);
  return f64x2.add(f64x2.div(f64x2.splat(scale), f64x2.add(one, e)), f64x2.splat(shift));
}

/**
 * scale / (1 + e^(-scale·x)) + shift, rounded to float32, in place for the `pairs` pairs of
 * doubles at `at`: the logistic function with scale 1, shift 0; tanh(x) = 2·σ(2x) - 1 with 2, -1.
 * Whole ranges per call, as the TypeScript kernel runs them: one call site each, so the
 * computation stays in the loop instead of behind a call per pair.
 */
export function scaledLogisticPairs(at: usize, pairs: i32, scale: f64, shift: f64, table: usize): void {
  const end = at + ((<usize>pairs) << 4);
  for (let p = at; p < end; p += 16)
    v128.store(p, roundToF32(scaledLogistic(v128.load(p), scale, shift, table)));
}
