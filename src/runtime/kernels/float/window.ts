/**
 * Where a sliding window (convolution or pool) lands along one axis, by TFLite's rules:
 * VALID has no padding; SAME outputs ceil(in / stride) positions and pads
 * max((out - 1)·stride + (kernel - 1)·dilation + 1 - in, 0) in total, the smaller half before.
 */
import type { Padding } from '../../../graph/types.js';

export interface AxisWindow {
  /** Input positions and output positions along the axis. */
  size: number;
  out: number;
  kernel: number;
  stride: number;
  dilation: number;
  /** Padding before the first input position. */
  padBefore: number;
}

export function axisWindow(
  size: number,
  out: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: Padding,
): AxisWindow {
  const span = (kernel - 1) * dilation + 1;
  const total = padding === 'SAME' ? Math.max((out - 1) * stride + span - size, 0) : 0;
  return { size, out, kernel, stride, dilation, padBefore: Math.floor(total / 2) };
}

/** The first kernel tap whose input position is inside [0, size) for output position o. */
export function firstTap(w: AxisWindow, o: number): number {
  const start = o * w.stride - w.padBefore;
  return start >= 0 ? 0 : Math.ceil(-start / w.dilation);
}

/** One past the last kernel tap whose input position is inside [0, size). */
export function endTap(w: AxisWindow, o: number): number {
  const start = o * w.stride - w.padBefore;
  const fit = Math.floor((w.size - 1 - start) / w.dilation) + 1;
  return Math.max(0, Math.min(w.kernel, fit));
}

/** The input position of the first in-bounds tap for output position o. */
export function firstInput(w: AxisWindow, o: number): number {
  return o * w.stride - w.padBefore + firstTap(w, o) * w.dilation;
}

/** How many kernel taps for output position o fall inside the input. */
export function tapCount(w: AxisWindow, o: number): number {
  return endTap(w, o) - firstTap(w, o);
}
