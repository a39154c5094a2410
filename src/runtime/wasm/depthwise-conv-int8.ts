/**
 * int8 DEPTHWISE_CONV_2D on WebAssembly SIMD (assembly/lib/ci-depthwise.ts), bit for bit
 * kernels/int8/depthwise-conv-2d.ts. The padded input holds the input in output-channel order
 * (each input channel once per output channel it feeds); the filter is packed tap by tap in
 * groups of eight output channels, zero past the last; one call per invoke.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { convWindows } from '../kernels/conv-geometry.js';
import { convInt8Operands } from '../kernels/int8/conv-operands.js';
import { int8WindowKernel } from './conv-int8.js';
import { GROUP } from './int8-output-stage.js';

/** DEPTHWISE_CONV_2D with int8 input: the kernel, or undefined (the TypeScript kernel then runs). */
export function wasmDepthwiseConv2dInt8Kernel(
  op: OpOf<'DEPTHWISE_CONV_2D'>,
  ctx: KernelContext,
): Kernel | undefined {
  const operands = convInt8Operands(op, ctx, 3);
  const { filter, filters } = operands;
  const windows = convWindows(op, ctx);
  const taps = windows.rows.kernel * windows.cols.kernel;
  const groups = Math.ceil(filters / GROUP);
  // Tap by tap, each group of eight output channels' weights side by side.
  const pack = (weights: Int16Array): void => {
    for (let t = 0; t < taps; t++) {
      for (let o = 0; o < filters; o++) {
        weights[(Math.floor(o / GROUP) * taps + t) * GROUP + (o % GROUP)] = filter[t * filters + o];
      }
    }
  };
  return int8WindowKernel({
    ...operands,
    entry: 'depthwise',
    windows,
    depth: filters,
    segments: taps,
    pairs: 0, // the depthwise kernel multiplies tap by tap
    weightValues: groups * taps * GROUP,
    pack,
  });
}
