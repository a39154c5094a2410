/** Row-wise helpers for biases: broadcasting a vector into rows and summing rows into a vector. */
import type { FloatArray } from '../tensor.js';

/**
 * out[r, j] = vector[vOff + j] for every row r < rows (initialises a GEMM's C with the bias):
 * the first row by hand, the rest by doubling native copies.
 */
export function broadcastRows(
  vector: FloatArray,
  vOff: number,
  out: FloatArray,
  outOff: number,
  rows: number,
  cols: number,
): void {
  if (rows === 0) return;
  for (let j = 0; j < cols; j++) out[outOff + j] = vector[vOff + j];
  for (let filled = 1; filled < rows; filled *= 2) {
    const copied = Math.min(filled, rows - filled);
    out.copyWithin(outOff + filled * cols, outOff, outOff + copied * cols);
  }
}

/** target[tOff + j] += Σ_r m[r, j] (a bias gradient), four columns per pass over the rows. */
export function addColumnSums(
  m: FloatArray,
  rows: number,
  cols: number,
  target: FloatArray,
  tOff: number,
): void {
  const end = rows * cols;
  let j = 0;
  for (; j + 3 < cols; j += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = j; i < end; i += cols) {
      s0 += m[i];
      s1 += m[i + 1];
      s2 += m[i + 2];
      s3 += m[i + 3];
    }
    target[tOff + j] += s0;
    target[tOff + j + 1] += s1;
    target[tOff + j + 2] += s2;
    target[tOff + j + 3] += s3;
  }
  for (; j < cols; j++) {
    let sum = 0;
    for (let i = j; i < end; i += cols) sum += m[i];
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
