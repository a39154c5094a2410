/**
 * The Q factor of a thin QR decomposition whose R has a positive diagonal, by modified
 * Gram-Schmidt with one re-orthogonalisation pass ("twice is enough") in float64.
 * QR is unique once R's diagonal is positive, so this equals Householder QR followed by
 * Keras's sign correction q·sign(diag(r)).
 */
export function orthonormalColumns(matrix: Float64Array, rows: number, cols: number): Float64Array {
  const q = Float64Array.from(matrix);
  for (let c = 0; c < cols; c++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let prev = 0; prev < c; prev++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += q[r * cols + prev] * q[r * cols + c];
        for (let r = 0; r < rows; r++) q[r * cols + c] -= dot * q[r * cols + prev];
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += q[r * cols + c] * q[r * cols + c];
    norm = Math.sqrt(norm);
    for (let r = 0; r < rows; r++) q[r * cols + c] /= norm;
  }
  return q;
}
