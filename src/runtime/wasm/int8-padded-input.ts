/**
 * The padded copy of an NHWC input the int8 window kernels (convolution, max pool) read: room
 * for every window with the padding before and after as border values, so each window is
 * whole. Byte pitches for values of `valueBytes` bytes (int16 for the convolution, int8 for
 * the pool).
 */
import type { SpatialWindows } from '../kernels/conv-geometry.js';
import type { AxisWindow } from '../kernels/float/window.js';

export interface PaddedInput {
  /** Bytes between rows, and between batch items. */
  rowPitch: number;
  batchPitch: number;
  /** Bytes from the buffer's start to the first input value. */
  interior: number;
  /** Bytes of the whole buffer (every batch item). */
  bytes: number;
  /** Whether the input's rows are adjacent in the buffer, so the input can be written there as is. */
  contiguous: boolean;
}

/** Padded extent along one axis: every window's taps, and the padding before the input. */
function paddedSize(w: AxisWindow): number {
  return Math.max(w.padBefore + w.size, (w.out - 1) * w.stride + (w.kernel - 1) * w.dilation + 1);
}

export function paddedInput(windows: SpatialWindows, valueBytes: number): PaddedInput {
  const { batch, channels, rows, cols } = windows;
  const paddedCols = paddedSize(cols);
  const rowPitch = paddedCols * channels * valueBytes;
  const batchPitch = paddedSize(rows) * rowPitch;
  return {
    rowPitch,
    batchPitch,
    interior: rows.padBefore * rowPitch + cols.padBefore * channels * valueBytes,
    bytes: batch * batchPitch,
    contiguous: paddedCols === cols.size && (batch === 1 || batchPitch === rows.size * rowPitch),
  };
}
