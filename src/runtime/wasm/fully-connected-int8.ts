/**
 * int8 FULLY_CONNECTED on WebAssembly SIMD, bit for bit kernels/int8/fully-connected.ts: the
 * convolution engine of conv-int8.ts run as a 1 × 1 convolution whose pixels are the input's
 * rows of `depth` values and whose filters are the weight rows (minus the weights' zero point).
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { axisWindow } from '../kernels/float/window.js';
import { int8, optionalInt32, quantOf } from '../kernels/int8/operands.js';
import { filterQuantization, outputStage } from '../kernels/int8/output-stage.js';
import { int8ConvKernel } from './conv-int8.js';

/** FULLY_CONNECTED with int8 input: the kernel, or undefined (the TypeScript kernel then runs). */
export function wasmFullyConnectedInt8Kernel(
  op: OpOf<'FULLY_CONNECTED'>,
  ctx: KernelContext,
): Kernel | undefined {
  const [input, filter, biasTensor] = op.inputs;
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const weights = int8(ctx, filter, 'weights');
  const [units, depth] = ctx.shape(filter);
  const filterQuant = filterQuantization(ctx, filter, units);
  const stage = outputStage(
    ctx,
    { input, filter: filterQuant, output },
    units,
    op.options.fusedActivation,
    true,
  );
  const rows = x.length / depth;
  const single = axisWindow(1, 1, 1, 1, 1, 'VALID');
  return int8ConvKernel(
    {
      windows: { batch: 1, channels: depth, rows: single, cols: axisWindow(rows, rows, 1, 1, 1, 'VALID') },
      filters: units,
      filter: weights,
      filterZeroPoint: filterQuant.zeroPoint,
      bias: optionalInt32(ctx, biasTensor, 'bias'),
      inputZeroPoint: quantOf(ctx, input, 'input').zeroPoint,
      stage,
    },
    x,
    int8(ctx, output, 'output'),
  );
}
