/**
 * out[outAt + r] += Σ_k m[r·cols + k]·v[vAt + k] for every row r of m [rows, cols]: dense
 * layers and the recurrent layers' per-step products. Four rows share each load of v and sum
 * in double, rounded once into out.
 */
export function addMatVec(
  rows: number,
  cols: number,
  m: Float32Array,
  v: Float32Array,
  vAt: number,
  out: Float32Array,
  outAt: number,
): void {
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    const p0 = r * cols;
    const p1 = p0 + cols;
    const p2 = p1 + cols;
    const p3 = p2 + cols;
    for (let k = 0; k < cols; k++) {
      const value = v[vAt + k];
      s0 += m[p0 + k] * value;
      s1 += m[p1 + k] * value;
      s2 += m[p2 + k] * value;
      s3 += m[p3 + k] * value;
    }
    out[outAt + r] += s0;
    out[outAt + r + 1] += s1;
    out[outAt + r + 2] += s2;
    out[outAt + r + 3] += s3;
  }
  for (; r < rows; r++) {
    let sum = 0;
    for (let k = 0, p = r * cols; k < cols; k++) sum += m[p + k] * v[vAt + k];
    out[outAt + r] += sum;
  }
}
