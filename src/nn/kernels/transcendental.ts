/**
 * exp, sigmoid and tanh for the gate and activation loops, accurate to a few units in the
 * last place of a double (relative error < 1e-14) but about twice (exp, sigmoid) to three
 * times (tanh) faster than Math.exp / Math.tanh on V8, which call out of JIT code per
 * element. The LSTM's five transcendentals per unit and step made those calls a large share
 * of a training step.
 *
 * exp(x) = 2^m · 2^(j/32) · e^r with x = (32m + j)·ln2/32 + r, |r| <= ln2/64, e^r by its
 * Taylor series to r^6 (truncation < 4e-18), both powers of two from tables.
 */
import type { FloatArray } from '../tensor.js';

const FRACTION_POWERS = Float64Array.from({ length: 32 }, (_, j) => Math.pow(2, j / 32));
const INTEGER_POWER_BIAS = 1100;
const INTEGER_POWERS = Float64Array.from({ length: 2200 }, (_, i) => Math.pow(2, i - INTEGER_POWER_BIAS));
const STEPS_PER_UNIT = 32 / Math.LN2;

/**
 * Both tables back to back (integer powers, then fraction powers), for the WebAssembly twins
 * of these functions (assembly/lib/tr-math.ts), which read them from their memory.
 */
export function expTables(): Float64Array {
  const tables = new Float64Array(INTEGER_POWERS.length + FRACTION_POWERS.length);
  tables.set(INTEGER_POWERS);
  tables.set(FRACTION_POWERS, INTEGER_POWERS.length);
  return tables;
}
/**
 * ln2/32 in two parts (fdlibm's ln2_hi / ln2_lo, divided by 32): HIGH has 32 significant
 * bits so k·HIGH is exact for every k used, LOW carries the digits a double drops.
 */
const STEP_HIGH = 6.9314718036912381649e-1 / 32;
const STEP_LOW = 1.9082149292705877e-10 / 32;
/** From 710 on e^x overflows (the table's 2^1024 is Infinity); below -745 it rounds to zero. */
const LARGEST = 710;
const SMALLEST = -745;
/** Offset that makes the truncating `| 0` round to nearest for every x·32/ln2 in range. */
const ROUNDING_OFFSET = 40000;

/** e^x; overflow gives Infinity, underflow 0, NaN stays NaN. */
export function exp(x: number): number {
  const clamped = x > LARGEST ? LARGEST : x < SMALLEST ? SMALLEST : x;
  const k = (((clamped * STEPS_PER_UNIT + ROUNDING_OFFSET + 0.5) | 0) - ROUNDING_OFFSET) | 0;
  const r = clamped - k * STEP_HIGH - k * STEP_LOW;
  const series = 1 + r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  return INTEGER_POWERS[(k >> 5) + INTEGER_POWER_BIAS] * FRACTION_POWERS[k & 31] * series;
}

export function sigmoid(x: number): number {
  return 1 / (1 + exp(-x));
}

/**
 * Near zero 1 - 2/(e^2x + 1) cancels, so there the Taylor series (to x^11, truncation
 * below 1e-18 relative) takes over.
 */
const TANH_SERIES_LIMIT = 0.05;

export function tanh(x: number): number {
  if (x > -TANH_SERIES_LIMIT && x < TANH_SERIES_LIMIT) {
    const x2 = x * x;
    return (
      x * (1 + x2 * (-1 / 3 + x2 * (2 / 15 + x2 * (-17 / 315 + x2 * (62 / 2835 + x2 * (-1382 / 155925))))))
    );
  }
  return 1 - 2 / (exp(2 * x) + 1);
}

/** values[i] = sigmoid(values[i]) for start <= i < end. */
export function sigmoidInPlace(values: FloatArray, start: number, end: number): void {
  for (let i = start; i < end; i++) values[i] = 1 / (1 + exp(-values[i]));
}

/** values[i] = tanh(values[i]) for start <= i < end. */
export function tanhInPlace(values: FloatArray, start: number, end: number): void {
  for (let i = start; i < end; i++) values[i] = tanh(values[i]);
}
