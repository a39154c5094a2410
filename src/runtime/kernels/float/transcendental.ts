/**
 * The logistic function and tanh over ranges of float32 arrays, for gates and activations.
 * Both use Math.exp, which V8 runs as a call into C returning a raw double. A JavaScript exp
 * (like the trainer's, faster in isolation) returns its double boxed in a new heap number
 * whenever the optimiser does not inline it, which inside the large LSTM step it often does not,
 * and inference must not allocate; inlining the exp series by hand ran slower in that step.
 * tanh(x) = 2 / (1 + e^-2x) - 1 measured faster than Math.tanh.
 */

/** out[i] = 1 / (1 + e^-x[i]) for start <= i < end; out may be x. */
export function sigmoidRange(x: Float32Array, out: Float32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
}

/** out[i] = tanh(x[i]) for start <= i < end; out may be x. Saturates to ±1 (e^-2x overflowing or vanishing). */
export function tanhRange(x: Float32Array, out: Float32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) out[i] = 2 / (1 + Math.exp(-2 * x[i])) - 1;
}
