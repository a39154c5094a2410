/**
 * Integer matrices packed once into panels of 8 rows, column-interleaved (a panel holds column
 * k of its 8 rows side by side), so a matrix-vector product reads each vector value once per
 * panel and keeps 8 independent sums. Values are integers held in doubles: int8 x int8 sums
 * stay exact far beyond any layer's width (see dot.ts).
 */
const PANEL = 8;

export interface PanelMatrix {
  readonly rows: number;
  readonly cols: number;
  /** ceil(rows / PANEL) panels of cols × PANEL values; padded rows are zero. */
  readonly data: Float64Array;
}

/** Packs `rows` × `cols` row-major values, each taken minus `offset` (a weights zero point). */
export function packPanels(source: ArrayLike<number>, rows: number, cols: number, offset = 0): PanelMatrix {
  const data = new Float64Array(Math.ceil(rows / PANEL) * cols * PANEL);
  for (let r = 0; r < rows; r++) {
    const panelAt = Math.floor(r / PANEL) * cols * PANEL + (r % PANEL);
    for (let k = 0; k < cols; k++) data[panelAt + k * PANEL] = source[r * cols + k] - offset;
  }
  return { rows, cols, data };
}

/** out[outAt + r] = Σ_k m[r, k] · v[vAt + k] for every row r. */
export function matVec(m: PanelMatrix, v: Float64Array, vAt: number, out: Float64Array, outAt: number): void {
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
    const left = rows - r;
    out[o] = s0;
    if (left > 1) out[o + 1] = s1;
    if (left > 2) out[o + 2] = s2;
    if (left > 3) out[o + 3] = s3;
    if (left > 4) out[o + 4] = s4;
    if (left > 5) out[o + 5] = s5;
    if (left > 6) out[o + 6] = s6;
    if (left > 7) out[o + 7] = s7;
  }
}

/**
 * matVec of two vectors at once, v at vAt and at vAt + vStride, into out at outAt and at
 * outAt + outStride: each weight is loaded once for both (16 sums, what the registers hold).
 */
export function matVec2(
  m: PanelMatrix,
  v: Float64Array,
  vAt: number,
  vStride: number,
  out: Float64Array,
  outAt: number,
  outStride: number,
): void {
  const { rows, cols, data } = m;
  const wAt = vAt + vStride;
  for (let r = 0, panelAt = 0; r < rows; r += PANEL, panelAt += cols * PANEL) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let a7 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    let b4 = 0;
    let b5 = 0;
    let b6 = 0;
    let b7 = 0;
    for (let k = 0, p = panelAt; k < cols; k++, p += PANEL) {
      const x = v[vAt + k];
      const y = v[wAt + k];
      let w = data[p];
      a0 += w * x;
      b0 += w * y;
      w = data[p + 1];
      a1 += w * x;
      b1 += w * y;
      w = data[p + 2];
      a2 += w * x;
      b2 += w * y;
      w = data[p + 3];
      a3 += w * x;
      b3 += w * y;
      w = data[p + 4];
      a4 += w * x;
      b4 += w * y;
      w = data[p + 5];
      a5 += w * x;
      b5 += w * y;
      w = data[p + 6];
      a6 += w * x;
      b6 += w * y;
      w = data[p + 7];
      a7 += w * x;
      b7 += w * y;
    }
    const o = outAt + r;
    const q = o + outStride;
    const left = rows - r;
    out[o] = a0;
    out[q] = b0;
    if (left > 1) {
      out[o + 1] = a1;
      out[q + 1] = b1;
    }
    if (left > 2) {
      out[o + 2] = a2;
      out[q + 2] = b2;
    }
    if (left > 3) {
      out[o + 3] = a3;
      out[q + 3] = b3;
    }
    if (left > 4) {
      out[o + 4] = a4;
      out[q + 4] = b4;
    }
    if (left > 5) {
      out[o + 5] = a5;
      out[q + 5] = b5;
    }
    if (left > 6) {
      out[o + 6] = a6;
      out[q + 6] = b6;
    }
    if (left > 7) {
      out[o + 7] = a7;
      out[q + 7] = b7;
    }
  }
}
