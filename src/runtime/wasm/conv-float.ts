/**
 * CONV_2D on the WebAssembly SIMD kernel (assembly/conv-float.ts): the computation of
 * kernels/float/conv-2d.ts, its specification, for every padding, stride and dilation, with
 * the filters packed at creation as float64 in blocks of eight filters (conv-float-layout.ts
 * holds the rest of the instance).
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { convWindows } from '../kernels/conv-geometry.js';
import { fusedActivation } from '../kernels/float/activation.js';
import { convFloatKernel } from './conv-float-layout.js';

/** Filters per packed block (four f64x2 sums in assembly/conv-float.ts). */
const BLOCK = 8;

/**
 * The kernel, or undefined when WebAssembly SIMD is unavailable or switched off, or when a
 * filter value is not finite (a padding tap would then add 0·∞ = NaN where the TypeScript
 * kernel adds nothing).
 */
export function wasmConv2dKernel(op: OpOf<'CONV_2D'>, ctx: KernelContext): Kernel | undefined {
  const filter = ctx.float(op.inputs[1], 'filter');
  const bias = ctx.optionalFloat(op.inputs[2] ?? -1, 'bias');
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  if (!filter.every(Number.isFinite)) return undefined;
  const windows = convWindows(op, ctx);
  const filters = ctx.shape(op.inputs[1])[0];
  const taps = windows.rows.kernel * windows.cols.kernel * windows.channels;
  const blocks = Math.ceil(filters / BLOCK);
  return convFloatKernel({
    entry: 'conv',
    windows,
    filters,
    multiplier: 1,
    paddedDepth: windows.channels,
    weightValues: blocks * taps * BLOCK,
    biasValues: blocks * BLOCK,
    // Block b, tap k (filter order ky, kx, c), lane l: filter b·BLOCK + l; missing filters stay zero.
    pack(weights, packedBias) {
      for (let o = 0; o < filters; o++) {
        const block = Math.floor(o / BLOCK) * taps * BLOCK + (o % BLOCK);
        for (let k = 0; k < taps; k++) weights[block + k * BLOCK] = filter[o * taps + k];
      }
      if (bias !== undefined) packedBias.set(bias);
    },
    activation,
    x: ctx.float(op.inputs[0], 'input'),
    out: ctx.float(op.outputs[0], 'output'),
  });
}
