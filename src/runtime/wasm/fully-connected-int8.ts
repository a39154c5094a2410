/**
 * int8 FULLY_CONNECTED on WebAssembly SIMD, bit for bit kernels/int8/fully-connected.ts: the
 * convolution engine of conv-int8.ts run as a 1 × 1 convolution whose pixels are the input's
 * rows of `depth` values and whose filters are the weight rows (minus the weights' zero point).
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { axisWindow } from '../kernels/float/window.js';
import { fullyConnectedInt8Operands } from '../kernels/int8/fully-connected.js';
import { int8ConvKernel } from './conv-int8.js';

/** FULLY_CONNECTED with int8 input: the kernel, or undefined (the TypeScript kernel then runs). */
export function wasmFullyConnectedInt8Kernel(
  op: OpOf<'FULLY_CONNECTED'>,
  ctx: KernelContext,
): Kernel | undefined {
  const operands = fullyConnectedInt8Operands(op, ctx);
  const { x, depth } = operands;
  const rows = x.length / depth;
  return int8ConvKernel(
    {
      ...operands,
      windows: {
        batch: 1,
        channels: depth,
        rows: axisWindow(1, 1, 1, 1, 1, 'VALID'),
        cols: axisWindow(rows, rows, 1, 1, 1, 'VALID'),
      },
      filters: operands.units,
      filter: operands.weights,
    },
    x,
    operands.out,
  );
}
