/**
 * int8 CONV_2D (NHWC input, OHWI filters quantized per output channel) as TFLite's
 * ConvPerChannel: acc = Σ F[o, ky, kx, c] · (in[b, iy, ix, c] - inputZp) + bias[o] over the
 * taps inside the input (padding contributes nothing), then the per-channel output stage.
 * The filter is packed once; each invoke takes the zero point off the input once, and with
 * no column dilation a filter row's taps and channels meet the input as one contiguous run.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { convWindows, type SpatialWindows } from '../conv-geometry.js';
import { endTap, firstTap } from '../float/window.js';
import { dot } from './dot.js';
import { int8, optionalInt32, quantOf } from './operands.js';
import { filterQuantization, outputStage, requantize } from './output-stage.js';

export interface ConvInt8Geometry extends SpatialWindows {
  filters: number;
  inputZeroPoint: number;
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
  const g: ConvInt8Geometry = {
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
  const { rows, cols, channels, inputZeroPoint } = g;
  const packed = Float64Array.from(filter);
  const biases = Float64Array.from({ length: filters }, (_, o) => bias?.[o] ?? 0);
  const xs = new Float64Array(x.length);
  const contiguous = cols.dilation === 1;

  /** Σ over filter o's taps ky, kx in [kxFirst, kxEnd) of the shifted input from rowAt. */
  const rowSum = (o: number, ky: number, kxFirst: number, kxEnd: number, rowAt: number, ixStart: number) => {
    const fAt = ((o * rows.kernel + ky) * cols.kernel + kxFirst) * channels;
    const xAt = (rowAt + ixStart + kxFirst * cols.dilation) * channels;
    if (contiguous) return dot(packed, fAt, xs, xAt, (kxEnd - kxFirst) * channels);
    let acc = 0;
    for (let kx = 0; kx < kxEnd - kxFirst; kx++)
      acc += dot(packed, fAt + kx * channels, xs, xAt + kx * cols.dilation * channels, channels);
    return acc;
  };

  return () => {
    for (let i = 0; i < x.length; i++) xs[i] = x[i] - inputZeroPoint;
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
            let acc = biases[o];
            for (let ky = kyFirst; ky < kyEnd; ky++) {
              const rowAt = (b * rows.size + iyStart + ky * rows.dilation) * cols.size;
              acc += rowSum(o, ky, kxFirst, kxEnd, rowAt, ixStart);
            }
            out[outAt + o] = requantize(acc | 0, stage, o);
          }
        }
      }
    }
  };
}
