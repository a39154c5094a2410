/**
 * int8 DEPTHWISE_CONV_2D (filter [1, kh, kw, in·multiplier], output channel c·multiplier + m
 * reads input channel c) as TFLite's DepthwiseConvPerChannel: acc over the taps inside the
 * input of F[ky, kx, oc] · (in[b, iy, ix, c] - inputZp), plus bias, then the per-channel
 * output stage.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { convWindows } from '../conv-geometry.js';
import { endTap, firstTap } from '../float/window.js';
import type { ConvInt8Geometry } from './conv-2d.js';
import { convInt8Operands } from './conv-operands.js';
import { requantize, type OutputStage } from './output-stage.js';

export interface DepthwiseInt8Geometry extends ConvInt8Geometry {
  multiplier: number;
}

export function depthwiseConv2dInt8(
  g: DepthwiseInt8Geometry,
  x: Int8Array,
  filter: Int8Array,
  bias: Int32Array | undefined,
  stage: OutputStage,
  out: Int8Array,
): void {
  const { rows, cols, channels, filters, multiplier, inputZeroPoint } = g;
  // Locals for the inner loops (property reads there cost more than the arithmetic).
  const width = cols.size;
  const kernelW = cols.kernel;
  const dilationH = rows.dilation;
  const dilationW = cols.dilation;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const kyFirst = firstTap(rows, oy);
      const kyEnd = endTap(rows, oy);
      const iyStart = oy * rows.stride - rows.padBefore;
      for (let ox = 0; ox < cols.out; ox++) {
        const kxFirst = firstTap(cols, ox);
        const kxEnd = endTap(cols, ox);
        const ixStart = ox * cols.stride - cols.padBefore;
        const outAt = ((b * rows.out + oy) * cols.out + ox) * filters;
        for (let c = 0; c < channels; c++) {
          for (let m = 0; m < multiplier; m++) {
            const o = c * multiplier + m;
            let acc = 0;
            for (let ky = kyFirst; ky < kyEnd; ky++) {
              const rowAt = (b * rows.size + iyStart + ky * dilationH) * width + ixStart;
              const filterRow = ky * kernelW;
              for (let kx = kxFirst; kx < kxEnd; kx++) {
                acc +=
                  filter[(filterRow + kx) * filters + o] *
                  (x[(rowAt + kx * dilationW) * channels + c] - inputZeroPoint);
              }
            }
            if (bias !== undefined) acc += bias[o];
            out[outAt + o] = requantize(acc | 0, stage, o);
          }
        }
      }
    }
  }
}

export function depthwiseConv2dInt8Kernel(op: OpOf<'DEPTHWISE_CONV_2D'>, ctx: KernelContext): Kernel {
  const { x, filter, bias, out, filters, inputZeroPoint, stage } = convInt8Operands(op, ctx, 3);
  const windows = convWindows(op, ctx);
  const geometry: DepthwiseInt8Geometry = {
    ...windows,
    filters,
    multiplier: filters / windows.channels,
    inputZeroPoint,
  };
  return () => depthwiseConv2dInt8(geometry, x, filter, bias, stage, out);
}
