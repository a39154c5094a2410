/**
 * Matrix products on flat row-major arrays with offsets, accumulating: C += op(A)·op(B).
 * One register-blocked kernel (2 rows x 4 columns of C held in locals, summed in double
 * precision, rounded once on store) serves all three variants through strides, so the
 * inner loop has no closures, allocations or per-element bounds arithmetic beyond two
 * pointer bumps. C is always [m, n] row-major starting at cOff.
 */
import type { FloatArray } from '../tensor.js';

/** C[m,n] += A[m,k] · B[k,n]. */
export function gemmNN(
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  aOff: number,
  b: FloatArray,
  bOff: number,
  c: FloatArray,
  cOff: number,
): void {
  gemmStrided(m, n, k, a, aOff, k, 1, b, bOff, n, 1, c, cOff);
}

/** C[m,n] += A[m,k] · B[n,k]ᵀ. */
export function gemmNT(
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  aOff: number,
  b: FloatArray,
  bOff: number,
  c: FloatArray,
  cOff: number,
): void {
  gemmStrided(m, n, k, a, aOff, k, 1, b, bOff, 1, k, c, cOff);
}

/** C[m,n] += A[k,m]ᵀ · B[k,n]. */
export function gemmTN(
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  aOff: number,
  b: FloatArray,
  bOff: number,
  c: FloatArray,
  cOff: number,
): void {
  gemmStrided(m, n, k, a, aOff, 1, m, b, bOff, n, 1, c, cOff);
}

/**
 * C[i,j] += Σ_p a[aOff + i·aRow + p·aDepth] · b[bOff + p·bDepth + j·bCol].
 */
function gemmStrided(
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  aOff: number,
  aRow: number,
  aDepth: number,
  b: FloatArray,
  bOff: number,
  bDepth: number,
  bCol: number,
  c: FloatArray,
  cOff: number,
): void {
  const bCol2 = 2 * bCol;
  const bCol3 = 3 * bCol;
  const bCol4 = 4 * bCol;
  const mBlocked = m - (m & 1);
  const nBlocked = n - (n & 3);
  for (let i = 0; i < mBlocked; i += 2) {
    const aRowStart = aOff + i * aRow;
    const c0 = cOff + i * n;
    const c1 = c0 + n;
    let bColStart = bOff;
    for (let j = 0; j < nBlocked; j += 4) {
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      let ap = aRowStart;
      let bp = bColStart;
      for (let p = 0; p < k; p++) {
        const x0 = a[ap];
        const x1 = a[ap + aRow];
        const y0 = b[bp];
        const y1 = b[bp + bCol];
        const y2 = b[bp + bCol2];
        const y3 = b[bp + bCol3];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
        ap += aDepth;
        bp += bDepth;
      }
      c[c0 + j] += s00;
      c[c0 + j + 1] += s01;
      c[c0 + j + 2] += s02;
      c[c0 + j + 3] += s03;
      c[c1 + j] += s10;
      c[c1 + j + 1] += s11;
      c[c1 + j + 2] += s12;
      c[c1 + j + 3] += s13;
      bColStart += bCol4;
    }
    for (let j = nBlocked; j < n; j++) {
      c[c0 + j] += dotStrided(k, a, aRowStart, aDepth, b, bOff + j * bCol, bDepth);
      c[c1 + j] += dotStrided(k, a, aRowStart + aRow, aDepth, b, bOff + j * bCol, bDepth);
    }
  }
  if (mBlocked < m) {
    const aRowStart = aOff + mBlocked * aRow;
    const cRow = cOff + mBlocked * n;
    for (let j = 0; j < n; j++)
      c[cRow + j] += dotStrided(k, a, aRowStart, aDepth, b, bOff + j * bCol, bDepth);
  }
}

function dotStrided(
  k: number,
  a: FloatArray,
  aStart: number,
  aStep: number,
  b: FloatArray,
  bStart: number,
  bStep: number,
): number {
  let sum = 0;
  let ap = aStart;
  let bp = bStart;
  for (let p = 0; p < k; p++) {
    sum += a[ap] * b[bp];
    ap += aStep;
    bp += bStep;
  }
  return sum;
}
