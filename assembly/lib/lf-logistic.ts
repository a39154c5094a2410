// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the logistic function and tanh on
// two doubles at a time, the WebAssembly twin of src/runtime/kernels/float/transcendental.ts.
// Every operation is the one that file performs, in the same order, so each result is the same
// double bit for bit (rounded to float32 by the caller, as the TypeScript kernels store it):
//   e^z = 2^n · 2^(j/64) · (1 + r + r²/2 + r³/6),  z = (64n + j)·ln2/64 + r,  z clamped to ±200.
// 2^(j/64) comes from a table of 64 doubles the kernel factory writes into memory (the module has
// no static data), followed by the constants; 2^n is built from its exponent bits, which equals
// the table of powers of two.
import { roundToF32 } from './lf-float';

const OCTAVE_BITS: i64 = 6;
const LIMIT: f64 = 200;
const STEPS_PER_UNIT: f64 = 64.0 / Math.LN2;
const STEP: f64 = Math.LN2 / 64.0;
/**
 * Adding 1.5·2^52 rounds a double below 2^51 in magnitude to an integer, half to even (what the
 * TypeScript kernel does), and leaves that integer in the low bits of the sum: its bits minus
 * this constant's are the integer as an i64.
 */
const ROUNDER: f64 = 6755399441055744;
const ROUNDER_BITS: i64 = 0x4338000000000000;
/**
 * The step count plus 1023·64 is positive for |z| <= LIMIT, so a logical shift by 6 gives the
 * octave plus the exponent bias, and the low six bits stay the step within the octave.
 */
const BIASED_STEPS: i64 = ROUNDER_BITS - 1023 * 64;
const MANTISSA_BITS: i32 = 52;
const STEP_MASK: i64 = (1 << OCTAVE_BITS) - 1;

/** Bytes of the fraction table, and where its constants follow it. */
const TABLE_BYTES: usize = 64 * 8;
// Offsets of the constants (pairs of equal lanes) after the table.
const NEGATIVE_LIMIT_AT: usize = TABLE_BYTES;
const LIMIT_AT: usize = TABLE_BYTES + 16;
const STEPS_PER_UNIT_AT: usize = TABLE_BYTES + 32;
const ROUNDER_AT: usize = TABLE_BYTES + 48;
const STEP_AT: usize = TABLE_BYTES + 64;
const BIASED_STEPS_AT: usize = TABLE_BYTES + 80;
const ONE_AT: usize = TABLE_BYTES + 96;
const HALF_AT: usize = TABLE_BYTES + 112;
// The last ends at TABLE_BYTES + 144: the region src/runtime/wasm/gate-panels.ts reserves.
const SIXTH_AT: usize = TABLE_BYTES + 128;

/**
 * Stores the constants after the table. The loops read them from memory: V8 builds each v128
 * constant in the code from immediates, three or four instructions at every use inside a loop.
 */
export function writeLogisticConstants(table: usize): void {
  v128.store(table + NEGATIVE_LIMIT_AT, f64x2.splat(-LIMIT));
  v128.store(table + LIMIT_AT, f64x2.splat(LIMIT));
  v128.store(table + STEPS_PER_UNIT_AT, f64x2.splat(STEPS_PER_UNIT));
  v128.store(table + ROUNDER_AT, f64x2.splat(ROUNDER));
  v128.store(table + STEP_AT, f64x2.splat(STEP));
  v128.store(table + BIASED_STEPS_AT, i64x2.splat(BIASED_STEPS));
  v128.store(table + ONE_AT, f64x2.splat(1));
  v128.store(table + HALF_AT, f64x2.splat(0.5));
  v128.store(table + SIXTH_AT, f64x2.splat(1.0 / 6.0));
}

// The stages of scale / (1 + e^(-scale·x)) + shift on one pair of lanes, small enough to be
// inlined: scaledLogisticPairs runs them on two pairs at a time, two independent chains.

/** z = -scale·x clamped to ±LIMIT; NaN stays NaN. */
function exponent(x: v128, negatedScale: v128, table: usize): v128 {
  // pmin(a, b) is b < a ? b : a and pmax(a, b) is a < b ? b : a, one instruction each: the
  // TypeScript kernel's comparisons exactly (NaN fails both and passes through).
  return f64x2.pmin(
    f64x2.pmax(f64x2.mul(negatedScale, x), v128.load(table + NEGATIVE_LIMIT_AT)),
    v128.load(table + LIMIT_AT),
  );
}

/** z·64/ln2 + 1.5·2^52: the step count k, rounded, in the low bits (see ROUNDER). */
function roundedSteps(z: v128, table: usize): v128 {
  return f64x2.add(f64x2.mul(z, v128.load(table + STEPS_PER_UNIT_AT)), v128.load(table + ROUNDER_AT));
}

/** r = z - k·ln2/64. */
function remainder(z: v128, rounded: v128, table: usize): v128 {
  const k = f64x2.sub(rounded, v128.load(table + ROUNDER_AT));
  return f64x2.sub(z, f64x2.mul(k, v128.load(table + STEP_AT)));
}

/** 2^octave · 2^(j/64) for k = 64·octave + j; 2^octave from its exponent bits. */
function stepPower(rounded: v128, table: usize): v128 {
  const steps = i64x2.sub(rounded, v128.load(table + BIASED_STEPS_AT));
  const octavePower = i64x2.shl(i64x2.shr_u(steps, <i32>OCTAVE_BITS), MANTISSA_BITS);
  const fractionPower = f64x2.replace_lane(
    f64x2.splat(load<f64>(table + ((<usize>(i64x2.extract_lane(steps, 0) & STEP_MASK)) << 3))),
    1,
    load<f64>(table + ((<usize>(i64x2.extract_lane(steps, 1) & STEP_MASK)) << 3)),
  );
  return f64x2.mul(octavePower, fractionPower);
}

/** e^z = 2^octave · 2^(j/64) · (1 + r·(1 + r·(1/2 + r·(1/6)))), multiplied in the TypeScript kernel's order. */
function exponential(z: v128, table: usize): v128 {
  const rounded = roundedSteps(z, table);
  const r = remainder(z, rounded, table);
  const one = v128.load(table + ONE_AT);
  const inner = f64x2.add(v128.load(table + HALF_AT), f64x2.mul(r, v128.load(table + SIXTH_AT)));
  const series = f64x2.add(one, f64x2.mul(r, f64x2.add(one, f64x2.mul(r, inner))));
  return f64x2.mul(stepPower(rounded, table), series);
}

/** scale / (1 + e) + shift, rounded to float32. */
function logisticOf(e: v128, scale: v128, shift: v128, table: usize): v128 {
  return roundToF32(f64x2.add(f64x2.div(scale, f64x2.add(v128.load(table + ONE_AT), e)), shift));
}

/**
 * scale / (1 + e^(-scale·x)) + shift, rounded to float32, in place for the `pairs` pairs of
 * doubles at `at` (an even count): the logistic function with scale 1, shift 0;
 * tanh(x) = 2·σ(2x) - 1 with 2, -1. Whole ranges per call, as the TypeScript kernel runs them.
 */
export function scaledLogisticPairs(at: usize, pairs: i32, scale: f64, shift: f64, table: usize): void {
  const end = at + ((<usize>pairs) << 4);
  // Splats of arguments, not constants (see writeLogisticConstants).
  const scales = f64x2.splat(scale);
  const negatedScales = f64x2.splat(-scale);
  const shifts = f64x2.splat(shift);
  for (let p = at; p < end; p += 32) {
    const first = exponential(exponent(v128.load(p), negatedScales, table), table);
    const second = exponential(exponent(v128.load(p, 16), negatedScales, table), table);
    v128.store(p, logisticOf(first, scales, shifts, table));
    v128.store(p, logisticOf(second, scales, shifts, table), 16);
  }
}
