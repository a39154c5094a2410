/**
 * The logistic function and tanh over ranges of arrays. They use Math.exp and Math.tanh, which
 * V8 runs as calls into C returning raw doubles: a JavaScript helper returning a double
 * allocates a heap number on every call the optimiser does not inline, and inference must not
 * allocate. (Results differ from the trainer's own exp by ~1e-16 relative.)
 */

/** out[i] = 1 / (1 + e^-x[i]) for start <= i < end; out may be x. */
export function sigmoidRange(x: Float32Array, out: Float32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
}

/** out[i] = tanh(x[i]) for start <= i < end; out may be x. */
export function tanhRange(x: Float32Array, out: Float32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) out[i] = Math.tanh(x[i]);
}
