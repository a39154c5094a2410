/**
 * The inner product every int8 matrix kernel runs, on integer values held in doubles: weights
 * packed once at kernel creation, activations copied in once per invoke. int8 x int8 products
 * are below 2^15, so sums of fewer than 2^38 of them are exact; no int32 wrap can differ.
 */

/** Σ w[wAt + k] · v[vAt + k] for k < n, four independent sums so the loads overlap. */
export function dot(w: Float64Array, wAt: number, v: Float64Array, vAt: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += w[wAt + k] * v[vAt + k];
    s1 += w[wAt + k + 1] * v[vAt + k + 1];
    s2 += w[wAt + k + 2] * v[vAt + k + 2];
    s3 += w[wAt + k + 3] * v[vAt + k + 3];
  }
  for (; k < n; k++) s0 += w[wAt + k] * v[vAt + k];
  return s0 + s1 + s2 + s3;
}

/** Σ_k w[row·n + k] for each of `rows` rows: what a zero point times the row contributes, folded once. */
export function rowSums(w: ArrayLike<number>, rows: number, n: number): Float64Array {
  const sums = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += w[r * n + k];
    sums[r] = sum;
  }
  return sums;
}
