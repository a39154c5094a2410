/**
 * int8 CONV_2D (NHWC input, OHWI filters quantized per output channel) as TFLite's
 * ConvPerChannel: acc = Σ F[o, ky, kx, c] · (in[b, iy, ix, c] - inputZp) + bias[o] over the
 * taps inside the input (padding contributes nothing), then the per-channel output stage.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { convWindows, type SpatialWindows } from '../conv-geometry.js';
import { endTap, firstTap } from '../float/window.js';
import { int8, optionalInt32, quantOf } from './operands.js';
import { filterQuantization, outputStage, requantize, type OutputStage } from './output-stage.js';

export interface ConvInt8Geometry extends SpatialWindows {
  filters: number;
  inputZeroPoint: number;
}

export function conv2dInt8(
  g: ConvInt8Geometry,
  x: Int8Array,
  filter: Int8Array,
  bias: Int32Array | undefined,
  stage: OutputStage,
  out: Int8Array,
): void {
  const { rows, cols, channels, filters, inputZeroPoint } = g;
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
        for (let o = 0; o < filters; o++) {
          let acc = 0;
          for (let ky = kyFirst; ky < kyEnd; ky++) {
            const rowAt = (b * rows.size + iyStart + ky * rows.dilation) * cols.size;
            for (let kx = kxFirst; kx < kxEnd; kx++) {
              const xAt = (rowAt + ixStart + kx * cols.dilation) * channels;
              const fAt = ((o * rows.kernel + ky) * cols.kernel + kx) * channels;
              for (let c = 0; c < channels; c++) acc += filter[fAt + c] * (x[xAt + c] - inputZeroPoint);
            }
          }
          if (bias !== undefined) acc += bias[o];
          out[outAt + o] = requantize(acc | 0, stage, o);
        }
      }
    }
  }
}

export function conv2dInt8Kernel(op: OpOf<'CONV_2D'>, ctx: KernelContext): Kernel {
  const [input, filterTensor, biasTensor] = op.inputs;
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const filter = int8(ctx, filterTensor, 'filter');
  const bias = optionalInt32(ctx, biasTensor, 'bias');
  const out = int8(ctx, output, 'output');
  const filters = ctx.shape(filterTensor)[0];
  const filterQuant = filterQuantization(ctx, filterTensor, filters);
  if (filterQuant.zeroPoint !== 0)
    ctx.fail('the filter has a non-zero zero point', 'Quantize convolution weights symmetrically');
  const geometry: ConvInt8Geometry = {
    ...convWindows(op, ctx),
    filters,
    inputZeroPoint: quantOf(ctx, input, 'input').zeroPoint,
  };
  const stage = outputStage(
    ctx,
    { input, filter: filterQuant, output },
    filters,
    op.options.fusedActivation,
    false,
  );
  return () => conv2dInt8(geometry, x, filter, bias, stage, out);
}
