/**
 * The float input of a hybrid (dynamic-range) kernel quantized on the fly, as TFLite's
 * SymmetricQuantizeFloats does per batch row: range = max(|min|, |max|) of the row,
 * scaling factor = range / 127, q = round(x · (127 / range)) (half away from zero, in
 * float32) clamped to -127..127; an all-zero row gets zeros and factor 1.
 */
import { roundHalfAwayFromZero } from '../../../quant/arith/int32.js';

const SCALE = 127;

/** Quantizes `values` in rows of `rowLength` into `out`, writing each row's scaling factor to `factors`. */
export function quantizeRows(
  values: Float32Array,
  rowLength: number,
  out: Int8Array,
  factors: Float32Array,
): void {
  for (let row = 0; row < factors.length; row++) {
    const first = row * rowLength;
    const end = first + rowLength;
    let min = Infinity;
    let max = -Infinity;
    for (let i = first; i < end; i++) {
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
    const range = Math.max(Math.abs(min), Math.abs(max));
    if (range === 0) {
      out.fill(0, first, end);
      factors[row] = 1;
      continue;
    }
    factors[row] = range / SCALE;
    const inverse = Math.fround(SCALE / range);
    for (let i = first; i < end; i++) {
      const q = roundHalfAwayFromZero(Math.fround(values[i] * inverse));
      out[i] = Math.min(SCALE, Math.max(-SCALE, q));
    }
  }
}
