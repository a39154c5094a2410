/**
 * The logistic function and tanh over ranges of float32 arrays, for gates and activations.
 *
 * Math.exp is a call out of JIT code per element (13-18 ns here; the tutorial's LSTM spent a
 * fifth of its time in it, this loop takes half that), and a JavaScript exp helper returns its
 * double boxed in a new heap number whenever V8 does not inline it, which inference must never
 * do. So the exponential is written out inside the one loop below, where it stays raw doubles:
 *   e^z = 2^n · 2^(j/64) · e^r  with  z = (64n + j)·ln2/64 + r,  |r| <= ln2/128,
 * both powers of two from tables and e^r by its series to r^3 (relative error < 4e-11, far
 * below float32's 6e-8). z is clamped to ±LIMIT first: beyond it both functions have
 * saturated in float32 (e^±200 is far past 2^±150), and the table of 2^n stays small.
 * tanh(x) = 2·σ(2x) - 1, so both are one loop.
 */

/** 64 table steps per octave: the step index splits into octave (>> 6) and step (& 63). */
const OCTAVE_BITS = 6;
const STEPS_PER_OCTAVE = 1 << OCTAVE_BITS;
const LIMIT = 200;
/** 2^(j/64) for j = 0..63 (the WebAssembly kernels copy this table into their memory). */
export const FRACTION_POWERS = Float64Array.from({ length: STEPS_PER_OCTAVE }, (_, j) =>
  Math.pow(2, j / STEPS_PER_OCTAVE),
);
/** 2^n for n = -OCTAVES..OCTAVES, enough for |z| <= LIMIT. */
const OCTAVES = Math.ceil(LIMIT / Math.LN2) + 1;
const INTEGER_POWERS = Float64Array.from({ length: 2 * OCTAVES + 1 }, (_, i) => Math.pow(2, i - OCTAVES));
const STEPS_PER_UNIT = STEPS_PER_OCTAVE / Math.LN2;
const STEP = Math.LN2 / STEPS_PER_OCTAVE;
/**
 * Adding 1.5·2^52 to a double below 2^51 in magnitude leaves it rounded to an integer (the
 * mantissa has no bits left for a fraction); subtracting it again gives that integer: round
 * to nearest in two additions, no call.
 */
const ROUNDER = 6755399441055744;

/**
 * out[i] = scale / (1 + e^(-scale·x[i])) + shift for start <= i < end; out may be x.
 * NaN stays NaN (every comparison with it fails, so it passes the clamp unchanged).
 */
function scaledLogisticRange(
  x: Float32Array,
  out: Float32Array,
  start: number,
  end: number,
  scale: number,
  shift: number,
): void {
  for (let i = start; i < end; i++) {
    let z = -scale * x[i];
    if (z > LIMIT) z = LIMIT;
    else if (z < -LIMIT) z = -LIMIT;
    const k = z * STEPS_PER_UNIT + ROUNDER - ROUNDER;
    const r = z - k * STEP;
    const steps = k | 0;
    const series = 1 + r * (1 + r * (0.5 + r * (1 / 6)));
    const e =
      INTEGER_POWERS[(steps >> OCTAVE_BITS) + OCTAVES] *
      FRACTION_POWERS[steps & (STEPS_PER_OCTAVE - 1)] *
      series;
    out[i] = scale / (1 + e) + shift;
  }
}

/** out[i] = 1 / (1 + e^-x[i]) for start <= i < end; out may be x. */
export function sigmoidRange(x: Float32Array, out: Float32Array, start: number, end: number): void {
  scaledLogisticRange(x, out, start, end, 1, 0);
}

/** out[i] = tanh(x[i]) for start <= i < end; out may be x. Saturates to ±1. */
export function tanhRange(x: Float32Array, out: Float32Array, start: number, end: number): void {
  scaledLogisticRange(x, out, start, end, 2, -1);
}
