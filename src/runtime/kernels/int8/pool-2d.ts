/**
 * int8 MAX_POOL_2D / AVERAGE_POOL_2D as TFLite's reference kernels: over the window's taps
 * inside the input, the maximum, or the sum divided by the tap count rounding half away from
 * zero (C integer division); then the fused activation's clamp. Input and output share
 * scale and zero point, so no rescaling happens.
 */
import { clamp } from '../../../quant/arith/int32.js';
import { activationRange, INT8_RANGE, type QuantizedRange } from '../../../quant/params.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { axisWindow, endTap, firstTap, type AxisWindow } from '../float/window.js';
import { derive, int8, quantOf, requireSameQuantization } from './operands.js';

export interface PoolInt8Geometry {
  batch: number;
  channels: number;
  rows: AxisWindow;
  cols: AxisWindow;
}

/** TFLite's rounded integer average: (sum ± count / 2) / count, truncating. */
export function roundedAverage(sum: number, count: number): number {
  const half = Math.trunc(count / 2);
  return Math.trunc(sum > 0 ? (sum + half) / count : (sum - half) / count);
}

export function pool2dInt8(
  g: PoolInt8Geometry,
  x: Int8Array,
  out: Int8Array,
  max: boolean,
  range: QuantizedRange,
): void {
  const { rows, cols, channels } = g;
  const rowStep = cols.size * channels;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const yFirst = oy * rows.stride - rows.padBefore + firstTap(rows, oy);
      const yCount = endTap(rows, oy) - firstTap(rows, oy);
      for (let ox = 0; ox < cols.out; ox++) {
        const xFirst = ox * cols.stride - cols.padBefore + firstTap(cols, ox);
        const xCount = endTap(cols, ox) - firstTap(cols, ox);
        const inAt = ((b * rows.size + yFirst) * cols.size + xFirst) * channels;
        const outAt = ((b * rows.out + oy) * cols.out + ox) * channels;
        for (let c = 0; c < channels; c++) {
          let acc = max ? INT8_RANGE.min : 0;
          for (let i = 0; i < yCount; i++) {
            for (let j = 0, k = inAt + c + i * rowStep; j < xCount; j++, k += channels) {
              if (!max) acc += x[k];
              else if (x[k] > acc) acc = x[k];
            }
          }
          const value = max ? acc : roundedAverage(acc, yCount * xCount);
          out[outAt + c] = clamp(value, range.min, range.max);
        }
      }
    }
  }
}

export function pool2dInt8Kernel(op: OpOf<'MAX_POOL_2D' | 'AVERAGE_POOL_2D'>, ctx: KernelContext): Kernel {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const out = int8(ctx, output, 'output');
  requireSameQuantization(ctx, input, output, 'int8 pooling does not rescale');
  const [batch, height, width, channels] = ctx.shape(input);
  const [, outH, outW] = ctx.shape(output);
  const { padding, strideH, strideW, filterH, filterW, fusedActivation } = op.options;
  const geometry: PoolInt8Geometry = {
    batch,
    channels,
    rows: axisWindow(height, outH, filterH, strideH, 1, padding),
    cols: axisWindow(width, outW, filterW, strideW, 1, padding),
  };
  const { scale, zeroPoint } = quantOf(ctx, output, 'output');
  const range = derive(ctx, () => activationRange(fusedActivation, scale, zeroPoint, INT8_RANGE));
  const max = op.type === 'MAX_POOL_2D';
  return () => pool2dInt8(geometry, x, out, max, range);
}
