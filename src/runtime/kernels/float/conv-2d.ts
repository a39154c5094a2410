/**
 * CONV_2D on NHWC: out[b, y, x, o] = act(bias[o] + Σ_{ky, kx, c} in[b, iy, ix, c]·F[o, ky, kx, c])
 * with iy = y·strideH + ky·dilationH - padTop (likewise ix), zero outside the input; filters
 * OHWI.
 *
 * A filter row ky reads runs of the input that are contiguous in NHWC: all its taps at once
 * (kw·channels values, kx-major as the filter stores them) without dilation along W, else one
 * tap's channels per run. Each (ky, run) slice of the filters is packed once at creation, and
 * along an output row the windows of consecutive columns start strideW·channels apart: so the
 * interior columns (every tap inside the input) of a row are one matrix product per slice, with
 * overlapping rows (packed-matrix.ts). Edge columns, where padding cuts the window, sum their
 * taps one by one.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { applyFused, fusedActivation } from './activation.js';
import { convWindows, type SpatialWindows } from '../conv-geometry.js';
import { addMatMul, packMatrix, type PackedMatrix } from './packed-matrix.js';
import { endTap, firstTap, type AxisWindow } from './window.js';

interface ConvPlan extends SpatialWindows {
  filters: number;
  /** Contiguous input runs per filter row. */
  runs: number;
  /** slices[ky·runs + j]: filters × runWidth, the weights of run j of filter row ky. */
  slices: PackedMatrix[];
  /** Output columns whose every tap along W is inside the input: [interiorFirst, interiorEnd), empty as [0, 0). */
  interiorFirst: number;
  interiorEnd: number;
}

export function conv2dKernel(op: OpOf<'CONV_2D'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const filter = ctx.float(op.inputs[1], 'filter');
  const bias = ctx.optionalFloat(op.inputs[2] ?? -1, 'bias');
  const out = ctx.float(op.outputs[0], 'output');
  const plan = convPlan(convWindows(op, ctx), ctx.shape(op.inputs[1])[0], filter);
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  return () => {
    conv2d(plan, x, filter, bias, out);
    applyFused(activation, out);
  };
}

function convPlan(windows: SpatialWindows, filters: number, filter: Float32Array): ConvPlan {
  const { rows, cols, channels } = windows;
  const contiguous = cols.dilation === 1;
  const runs = contiguous ? 1 : cols.kernel;
  const runWidth = contiguous ? cols.kernel * channels : channels;
  const filterStride = rows.kernel * cols.kernel * channels;
  const slices: PackedMatrix[] = [];
  for (let ky = 0; ky < rows.kernel; ky++) {
    for (let j = 0; j < runs; j++) {
      const at = ky * cols.kernel * channels + j * runWidth;
      slices.push(packMatrix(filter, filters, runWidth, at, filterStride));
    }
  }
  const [interiorFirst, interiorEnd] = interiorColumns(cols);
  return { ...windows, filters, runs, slices, interiorFirst, interiorEnd };
}

/** The output positions whose taps all fall inside the input (a contiguous range, maybe empty). */
function interiorColumns(w: AxisWindow): [number, number] {
  let first = -1;
  let end = -1;
  for (let o = 0; o < w.out; o++) {
    if (firstTap(w, o) === 0 && endTap(w, o) === w.kernel) {
      if (first < 0) first = o;
      end = o + 1;
    }
  }
  return first < 0 ? [0, 0] : [first, end];
}

function conv2d(
  p: ConvPlan,
  x: Float32Array,
  filter: Float32Array,
  bias: Float32Array | undefined,
  out: Float32Array,
): void {
  const { rows, cols, channels, filters, interiorFirst, interiorEnd } = p;
  const interior = interiorEnd - interiorFirst;
  for (let b = 0; b < p.batch; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const rowOut = (b * rows.out + oy) * cols.out * filters;
      for (let ox = 0; ox < cols.out; ox++) {
        const at = rowOut + ox * filters;
        for (let o = 0; o < filters; o++) out[at + o] = bias === undefined ? 0 : bias[o];
      }
      const kyFirst = firstTap(rows, oy);
      const kyEnd = endTap(rows, oy);
      const iyStart = oy * rows.stride - rows.padBefore;
      for (let ky = kyFirst; ky < kyEnd; ky++) {
        const rowAt = (b * rows.size + iyStart + ky * rows.dilation) * cols.size;
        const ixFirst = interiorFirst * cols.stride - cols.padBefore;
        for (let j = 0; j < p.runs; j++) {
          addMatMul(
            p.slices[ky * p.runs + j],
            interior,
            x,
            (rowAt + ixFirst + j * cols.dilation) * channels,
            cols.stride * channels,
            out,
            rowOut + interiorFirst * filters,
            filters,
          );
        }
      }
      for (let ox = 0; ox < interiorFirst; ox++) addEdgeColumn(p, x, filter, out, b, oy, ox);
      for (let ox = interiorEnd; ox < cols.out; ox++) addEdgeColumn(p, x, filter, out, b, oy, ox);
    }
  }
}

/** Adds the taps of output column ox that fall inside the input, one by one, to its outputs. */
function addEdgeColumn(
  p: ConvPlan,
  x: Float32Array,
  filter: Float32Array,
  out: Float32Array,
  b: number,
  oy: number,
  ox: number,
): void {
  const { rows, cols, channels, filters } = p;
  const filterStride = rows.kernel * cols.kernel * channels;
  const kyFirst = firstTap(rows, oy);
  const kyEnd = endTap(rows, oy);
  const kxFirst = firstTap(cols, ox);
  const kxEnd = endTap(cols, ox);
  const iyStart = oy * rows.stride - rows.padBefore;
  const ixStart = ox * cols.stride - cols.padBefore;
  const outAt = ((b * rows.out + oy) * cols.out + ox) * filters;
  for (let o = 0; o < filters; o++) {
    let sum = 0;
    for (let ky = kyFirst; ky < kyEnd; ky++) {
      const rowAt = (b * rows.size + iyStart + ky * rows.dilation) * cols.size;
      for (let kx = kxFirst; kx < kxEnd; kx++) {
        const xAt = (rowAt + ixStart + kx * cols.dilation) * channels;
        const fAt = o * filterStride + (ky * cols.kernel + kx) * channels;
        for (let c = 0; c < channels; c++) sum += filter[fAt + c] * x[xAt + c];
      }
    }
    out[outAt + o] += sum;
  }
}
