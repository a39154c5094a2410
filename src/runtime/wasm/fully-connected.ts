/**
 * FULLY_CONNECTED on the WebAssembly SIMD kernel: the same computation as
 * kernels/float/fully-connected.ts (its specification, bit for bit), with the weights and the
 * bias in the kernel's own WebAssembly memory from creation. Each run copies the input rows in,
 * makes one call (every row starts from the bias there) and copies the result out:
 * TypedArray.set on views made at creation, nothing allocated per run.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
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
  if (bias !== undefined) product.bias.set(bias);
  const { input, output, runFromBias } = product;
  return () => {
    input.set(x);
    runFromBias(rows);
    out.set(output);
    applyFused(activation, out);
  };
}
