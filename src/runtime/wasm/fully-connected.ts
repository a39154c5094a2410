/**
 * FULLY_CONNECTED on the WebAssembly SIMD kernel: the same computation as
 * kernels/float/fully-connected.ts (its specification), with the weights packed into the
 * kernel's own WebAssembly memory at creation. Each run copies the input rows in and the
 * result out of that memory; nothing is allocated per run.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { copyValues } from '../kernels/copy.js';
import { applyFused, fusedActivation } from '../kernels/float/activation.js';
import { createWasmMatMul } from './wasm-matmul.js';

/** The kernel, or undefined when WebAssembly SIMD is unavailable or switched off. */
export function wasmFullyConnectedKernel(
  op: OpOf<'FULLY_CONNECTED'>,
  ctx: KernelContext,
): Kernel | undefined {
  const x = ctx.float(op.inputs[0], 'input');
  const [units, depth] = ctx.shape(op.inputs[1]);
  const weights = ctx.float(op.inputs[1], 'weights');
  const bias = ctx.optionalFloat(op.inputs[2] ?? -1, 'bias');
  const out = ctx.float(op.outputs[0], 'output');
  const rows = x.length / depth;
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  const product = createWasmMatMul(weights, units, depth, rows);
  if (product === undefined) return undefined;
  const { input, output, run } = product;
  return () => {
    copyValues(x, input, 0);
    for (let r = 0; r < rows; r++) {
      if (bias === undefined) output.fill(0, r * units, (r + 1) * units);
      else copyValues(bias, output, r * units);
    }
    run(rows);
    copyValues(output, out, 0);
    applyFused(activation, out);
  };
}
