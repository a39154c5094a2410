/**
 * DEPTHWISE_CONV_2D on the WebAssembly SIMD kernel (assembly/lib/cf-depthwise.ts): the
 * computation of kernels/float/depthwise-conv-2d.ts, its specification, for every padding,
 * stride, dilation and depth multiplier. The padded input repeats each channel `multiplier`
 * times, so output channel d reads input value d; weights and bias are packed as float64 with
 * each tap's channels padded to a multiple of four (whole vectors).
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { convWindows } from '../kernels/conv-geometry.js';
import { fusedActivation } from '../kernels/float/activation.js';
import { convFloatKernel } from './conv-float-layout.js';

/** Output channels per vector step of assembly/lib/cf-depthwise.ts (two f64x2). */
const LANES = 4;

/**
 * The kernel, or undefined when WebAssembly SIMD is unavailable or switched off, or when a
 * filter value is not finite (0·∞ at a padding tap would be NaN; the TypeScript kernel skips it).
 */
export function wasmDepthwiseConv2dKernel(
  op: OpOf<'DEPTHWISE_CONV_2D'>,
  ctx: KernelContext,
): Kernel | undefined {
  const filter = ctx.float(op.inputs[1], 'filter');
  const bias = ctx.optionalFloat(op.inputs[2] ?? -1, 'bias');
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  if (!filter.every(Number.isFinite)) return undefined;
  const windows = convWindows(op, ctx);
  const multiplier = op.options.depthMultiplier;
  const depth = windows.channels * multiplier;
  const paddedDepth = Math.ceil(depth / LANES) * LANES;
  const taps = windows.rows.kernel * windows.cols.kernel;
  return convFloatKernel({
    entry: 'depthwise',
    windows,
    filters: depth,
    multiplier,
    paddedDepth,
    weightValues: taps * paddedDepth,
    biasValues: paddedDepth,
    pack(weights, packedBias) {
      for (let t = 0; t < taps; t++)
        weights.set(filter.subarray(t * depth, (t + 1) * depth), t * paddedDepth);
      if (bias !== undefined) packedBias.set(bias);
    },
    activation,
    x: ctx.float(op.inputs[0], 'input'),
    out: ctx.float(op.outputs[0], 'output'),
  });
}
