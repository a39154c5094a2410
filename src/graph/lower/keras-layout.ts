/**
 * Keras weight layouts to TFLite's: FULLY_CONNECTED wants [out, in] where Keras keeps
 * [in, out], CONV_2D wants OHWI where Keras's Conv1D kernel is [k, in, out], and the
 * recurrent ops want each gate's block transposed.
 */

/** Columns [from, from + width) of a row-major [rows, cols] matrix, transposed to [width, rows]. */
export function transposedColumns(
  data: Float32Array,
  rows: number,
  cols: number,
  from: number,
  width: number,
): Float32Array {
  const out = new Float32Array(width * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) out[c * rows + r] = data[r * cols + from + c]!;
  }
  return out;
}

/** [rows, cols] -> [cols, rows]. */
export function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  return transposedColumns(data, rows, cols, 0, cols);
}

/** Elements [from, from + length) as a new array (one gate's bias). */
export function slice(data: Float32Array, from: number, length: number): Float32Array {
  return data.slice(from, from + length);
}
