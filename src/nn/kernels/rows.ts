/** Row-wise helpers for biases: broadcasting a vector into rows and summing rows into a vector. */
import type { FloatArray } from '../tensor.js';

/** out[r, j] = vector[vOff + j] for every row r < rows (initialises a GEMM's C with the bias). */
export function broadcastRows(
  vector: FloatArray,
  vOff: number,
  out: FloatArray,
  outOff: number,
  rows: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const start = outOff + r * cols;
    for (let j = 0; j < cols; j++) out[start + j] = vector[vOff + j];
  }
}

/** target[tOff + j] += Σ_r m[r, j] (a bias gradient). */
export function addColumnSums(
  m: FloatArray,
  rows: number,
  cols: number,
  target: FloatArray,
  tOff: number,
): void {
  for (let j = 0; j < cols; j++) {
    let sum = 0;
    for (let r = 0, i = j; r < rows; r++, i += cols) sum += m[i];
    target[tOff + j] += sum;
  }
}

/**
 * Swaps the two leading axes of a [d0, d1, inner] tensor into [d1, d0, inner]:
 * batch-major [batch, steps, c] <-> time-major [steps, batch, c].
 */
export function swapLeadingAxes(
  src: FloatArray,
  srcOff: number,
  dst: FloatArray,
  dstOff: number,
  d0: number,
  d1: number,
  inner: number,
): void {
  for (let i = 0; i < d0; i++) {
    for (let j = 0; j < d1; j++) {
      const from = srcOff + (i * d1 + j) * inner;
      const to = dstOff + (j * d0 + i) * inner;
      for (let c = 0; c < inner; c++) dst[to + c] = src[from + c];
    }
  }
}
