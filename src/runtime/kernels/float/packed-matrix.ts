/**
 * Products with a constant matrix (weights, filters) that its kernel packs once when it is
 * created: panels of PANEL rows, each stored column by column with the panel's values of one
 * column adjacent, the last panel padded with zero rows. The inner loops then read the weights
 * strictly in order from one running offset.
 *
 * One vector: eight rows per load of it (eight sums fit the registers). Several vectors against
 * the same matrix (a batch, or the output positions of a convolution) go four at a time over
 * half a panel: each weight load then feeds four vectors, sixteen sums in flight, which measured
 * about a quarter faster per multiply than one vector at a time. Sums run in double, rounded once
 * into out. (Packing as float64 saved the conversions but ran slower once the kernels called the
 * products with several matrices, as a graph does.)
 */

const PANEL = 8;
/** Vectors per block in addMatMul, against half a panel of rows. */
const VECTORS = 4;
const HALF = PANEL / 2;

export interface PackedMatrix {
  readonly rows: number;
  readonly cols: number;
  /** ceil(rows / PANEL) panels of cols × PANEL values. */
  readonly data: Float32Array;
}

/** Packs the rows × cols matrix whose row r, column k is source[at + r·rowStride + k]. */
export function packMatrix(
  source: Float32Array,
  rows: number,
  cols: number,
  at = 0,
  rowStride = cols,
): PackedMatrix {
  const data = new Float32Array(Math.ceil(rows / PANEL) * cols * PANEL);
  for (let r = 0; r < rows; r++) {
    const panelAt = Math.floor(r / PANEL) * cols * PANEL + (r % PANEL);
    for (let k = 0; k < cols; k++) data[panelAt + k * PANEL] = source[at + r * rowStride + k];
  }
  return { rows, cols, data };
}

/** The row-major concatenation of matrices with the same column count (e.g. an LSTM's four gates). */
export function stackRows(parts: readonly Float32Array[]): Float32Array {
  const stacked = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    stacked.set(part, at);
    at += part.length;
  }
  return stacked;
}

/** out[outAt + r] += Σ_k M[r, k]·v[vAt + k] for every row r. */
export function addMatVec(
  m: PackedMatrix,
  v: Float32Array,
  vAt: number,
  out: Float32Array,
  outAt: number,
): void {
  const { rows, cols, data } = m;
  for (let r = 0, panelAt = 0; r < rows; r += PANEL, panelAt += cols * PANEL) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let k = 0, p = panelAt; k < cols; k++, p += PANEL) {
      const value = v[vAt + k];
      s0 += data[p] * value;
      s1 += data[p + 1] * value;
      s2 += data[p + 2] * value;
      s3 += data[p + 3] * value;
      s4 += data[p + 4] * value;
      s5 += data[p + 5] * value;
      s6 += data[p + 6] * value;
      s7 += data[p + 7] * value;
    }
    const o = outAt + r;
    if (rows - r >= PANEL) {
      out[o] += s0;
      out[o + 1] += s1;
      out[o + 2] += s2;
      out[o + 3] += s3;
      out[o + 4] += s4;
      out[o + 5] += s5;
      out[o + 6] += s6;
      out[o + 7] += s7;
    } else {
      // The last panel's padded rows summed zeros: only its real rows are written.
      const left = rows - r;
      out[o] += s0;
      if (left > 1) out[o + 1] += s1;
      if (left > 2) out[o + 2] += s2;
      if (left > 3) out[o + 3] += s3;
      if (left > 4) out[o + 4] += s4;
      if (left > 5) out[o + 5] += s5;
      if (left > 6) out[o + 6] += s6;
    }
  }
}

/**
 * addMatVec for `count` vectors: vector i starts at vAt + i·vStride (strides may overlap, as
 * a convolution's windows do) and its product is added at outAt + i·outStride.
 */
export function addMatMul(
  m: PackedMatrix,
  count: number,
  v: Float32Array,
  vAt: number,
  vStride: number,
  out: Float32Array,
  outAt: number,
  outStride: number,
): void {
  const { rows, cols, data } = m;
  let i = 0;
  for (; i + VECTORS <= count; i += VECTORS) {
    const a0 = vAt + i * vStride;
    const a1 = a0 + vStride;
    const a2 = a1 + vStride;
    const a3 = a2 + vStride;
    for (let r = 0; r < rows; r += HALF) {
      // Rows r..r+3 are half a panel: their first column at `first`, a whole panel per column on.
      const first = (r - (r % PANEL)) * cols + (r % PANEL);
      // s<vector><row>
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      let s20 = 0;
      let s21 = 0;
      let s22 = 0;
      let s23 = 0;
      let s30 = 0;
      let s31 = 0;
      let s32 = 0;
      let s33 = 0;
      for (let k = 0, p = first; k < cols; k++, p += PANEL) {
        const x0 = v[a0 + k];
        const x1 = v[a1 + k];
        const x2 = v[a2 + k];
        const x3 = v[a3 + k];
        let w = data[p];
        s00 += w * x0;
        s10 += w * x1;
        s20 += w * x2;
        s30 += w * x3;
        w = data[p + 1];
        s01 += w * x0;
        s11 += w * x1;
        s21 += w * x2;
        s31 += w * x3;
        w = data[p + 2];
        s02 += w * x0;
        s12 += w * x1;
        s22 += w * x2;
        s32 += w * x3;
        w = data[p + 3];
        s03 += w * x0;
        s13 += w * x1;
        s23 += w * x2;
        s33 += w * x3;
      }
      const o0 = outAt + i * outStride + r;
      const o1 = o0 + outStride;
      const o2 = o1 + outStride;
      const o3 = o2 + outStride;
      out[o0] += s00;
      out[o1] += s10;
      out[o2] += s20;
      out[o3] += s30;
      const left = rows - r;
      if (left > 1) {
        out[o0 + 1] += s01;
        out[o1 + 1] += s11;
        out[o2 + 1] += s21;
        out[o3 + 1] += s31;
      }
      if (left > 2) {
        out[o0 + 2] += s02;
        out[o1 + 2] += s12;
        out[o2 + 2] += s22;
        out[o3 + 2] += s32;
      }
      if (left > 3) {
        out[o0 + 3] += s03;
        out[o1 + 3] += s13;
        out[o2 + 3] += s23;
        out[o3 + 3] += s33;
      }
    }
  }
  for (; i < count; i++) addMatVec(m, v, vAt + i * vStride, out, outAt + i * outStride);
}
