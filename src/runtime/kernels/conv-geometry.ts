/**
 * Where CONV_2D / DEPTHWISE_CONV_2D windows land on an NHWC input, read from the input, filter
 * ([·, kh, kw, ·] for both) and output shapes and the stride, dilation and padding options;
 * shared by the float and int8 kernels so all four read them the same way.
 */
import type { KernelContext, OpOf } from './context.js';
import { axisWindow, type AxisWindow } from './float/window.js';

/** Sliding windows over an NHWC input's rows and columns (also the pool kernels' geometry). */
export interface SpatialWindows {
  batch: number;
  channels: number;
  rows: AxisWindow;
  cols: AxisWindow;
}

export function convWindows(op: OpOf<'CONV_2D' | 'DEPTHWISE_CONV_2D'>, ctx: KernelContext): SpatialWindows {
  const [batch, height, width, channels] = ctx.shape(op.inputs[0]);
  const [, kernelH, kernelW] = ctx.shape(op.inputs[1]);
  const [, outH, outW] = ctx.shape(op.outputs[0]);
  const { padding, strideH, strideW, dilationH, dilationW } = op.options;
  return {
    batch,
    channels,
    rows: axisWindow(height, outH, kernelH, strideH, dilationH, padding),
    cols: axisWindow(width, outW, kernelW, strideW, dilationW, padding),
  };
}
