/**
 * The float input of a hybrid (dynamic-range) kernel quantized on the fly, as TFLite's
 * SymmetricQuantizeFloats does per batch row: range = max(|min|, |max|) of the row,
 * scaling factor = range / 127, q = round(x · (127 / range)) (half away from zero, in
 * float32) clamped to -127..127; an all-zero row gets zeros and factor 1.
 */
import { roundHalfAwayFromZero } from '../../../quant/arith/int32.js';

const SCALE = 127;

/**
 * Quantizes values[first .. first + length) into out[outFirst ..] and writes the row's
 * scaling factor to factors[factorAt] (a float32, as TFLite stores it; written to an array,
 * not returned, so no number is boxed per call).
 */
export function quantizeRow(
  values: Float32Array,
  first: number,
  length: number,
  out: Int8Array,
  outFirst: number,
  factors: Float32Array,
  factorAt: number,
): void {
  const end = first + length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = first; i < end; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  const range = Math.max(Math.abs(min), Math.abs(max));
  if (range === 0) {
    out.fill(0, outFirst, outFirst + length);
    factors[factorAt] = 1;
    return;
  }
  const inverse = Math.fround(SCALE / range);
  for (let i = 0; i < length; i++) {
    const q = roundHalfAwayFromZero(Math.fround(values[first + i] * inverse));
    out[outFirst + i] = Math.min(SCALE, Math.max(-SCALE, q));
  }
  factors[factorAt] = range / SCALE;
}

/** Quantizes `values` in rows of `rowLength` into `out`, writing each row's scaling factor to `factors`. */
export function quantizeRows(
  values: Float32Array,
  rowLength: number,
  out: Int8Array,
  factors: Float32Array,
): void {
  for (let row = 0; row < factors.length; row++) {
    quantizeRow(values, row * rowLength, rowLength, out, row * rowLength, factors, row);
  }
}
