/**
 * Where MAX_POOL_2D / AVERAGE_POOL_2D windows land on an NHWC input; shared by the float and
 * int8 kernels so both read the pooling options the same way.
 */
import type { KernelContext, OpOf } from './context.js';
import type { SpatialWindows } from './conv-geometry.js';
import { axisWindow } from './float/window.js';

export type PoolGeometry = SpatialWindows;

export function poolGeometry(op: OpOf<'MAX_POOL_2D' | 'AVERAGE_POOL_2D'>, ctx: KernelContext): PoolGeometry {
  const [batch, height, width, channels] = ctx.shape(op.inputs[0]);
  const [, outH, outW] = ctx.shape(op.outputs[0]);
  const { padding, strideH, strideW, filterH, filterW } = op.options;
  return {
    batch,
    channels,
    rows: axisWindow(height, outH, filterH, strideH, 1, padding),
    cols: axisWindow(width, outW, filterW, strideW, 1, padding),
  };
}
