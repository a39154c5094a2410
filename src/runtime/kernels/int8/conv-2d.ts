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
import { matVec, matVec2, packPanels } from './panel-matrix.js';
import { convInt8Operands } from './conv-operands.js';
import { requantize } from './output-stage.js';

export interface ConvInt8Geometry extends SpatialWindows {
  filters: number;
  inputZeroPoint: number;
}

export function conv2dInt8Kernel(op: OpOf<'CONV_2D'>, ctx: KernelContext): Kernel {
  const { x, filter, bias, out, filters, inputZeroPoint, stage } = convInt8Operands(op, ctx, 0);
  const g: ConvInt8Geometry = { ...convWindows(op, ctx), filters, inputZeroPoint };
  const { rows, cols, channels } = g;
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

  // A 1-D convolution (one filter row, no column dilation) reads a whole window as one
  // contiguous run: windows with every tap inside the input go through the panel product,
  // two at a time; the padded edges take the tap-by-tap path.
  const oneDimensional = rows.kernel === 1 && contiguous;
  const panels = packPanels(filter, filters, cols.kernel * channels);
  const sums = new Float64Array(2 * filters);
  const full = (ox: number) => firstTap(cols, ox) === 0 && endTap(cols, ox) === cols.kernel;

  /** Output pixel (b, oy, ox) from its window's sums in `sums` at `at`. */
  const store = (b: number, oy: number, ox: number, at: number) => {
    const outAt = ((b * rows.out + oy) * cols.out + ox) * filters;
    for (let o = 0; o < filters; o++) out[outAt + o] = requantize((sums[at + o] + biases[o]) | 0, stage, o);
  };

  /** Output pixel (b, oy, ox) tap by tap, skipping the padding. */
  const byTaps = (b: number, oy: number, ox: number) => {
    const kyFirst = firstTap(rows, oy);
    const kyEnd = endTap(rows, oy);
    const iyStart = oy * rows.stride - rows.padBefore;
    const kxFirst = firstTap(cols, ox);
    const kxEnd = endTap(cols, ox);
    const ixStart = ox * cols.stride - cols.padBefore;
    for (let o = 0; o < filters; o++) {
      let acc = 0;
      for (let ky = kyFirst; ky < kyEnd; ky++) {
        const rowAt = (b * rows.size + iyStart + ky * rows.dilation) * cols.size;
        acc += rowSum(o, ky, kxFirst, kxEnd, rowAt, ixStart);
      }
      sums[o] = acc;
    }
    store(b, oy, ox, 0);
  };

  return () => {
    for (let i = 0; i < x.length; i++) xs[i] = x[i] - inputZeroPoint;
    for (let b = 0; b < g.batch; b++) {
      for (let oy = 0; oy < rows.out; oy++) {
        const iy = oy * rows.stride - rows.padBefore;
        let ox = 0;
        while (ox < cols.out) {
          if (!oneDimensional || iy < 0 || iy >= rows.size || !full(ox)) {
            byTaps(b, oy, ox++);
            continue;
          }
          const xAt = ((b * rows.size + iy) * cols.size + ox * cols.stride - cols.padBefore) * channels;
          if (ox + 1 < cols.out && full(ox + 1)) {
            matVec2(panels, xs, xAt, cols.stride * channels, sums, 0, filters);
            store(b, oy, ox, 0);
            store(b, oy, ox + 1, filters);
            ox += 2;
          } else {
            matVec(panels, xs, xAt, sums, 0);
            store(b, oy, ox++, 0);
          }
        }
      }
    }
  };
}
