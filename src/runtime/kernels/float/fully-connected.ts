/**
 * FULLY_CONNECTED: out[r, o] = act(bias[o] + Σ_k x[r, k]·W[o, k]) with W [units, depth]
 * (TFLite's layout). Rows are the input's leading dimensions (keepNumDims) or its values in
 * rows of `depth`: all rows go through one product with W, packed once at creation, so a batch
 * shares every weight load (packed-matrix.ts).
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { copyValues } from '../copy.js';
import { applyFused, fusedActivation } from './activation.js';
import { addMatMul, packMatrix } from './packed-matrix.js';

export function fullyConnectedKernel(op: OpOf<'FULLY_CONNECTED'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const [units, depth] = ctx.shape(op.inputs[1]);
  const weights = packMatrix(ctx.float(op.inputs[1], 'weights'), units, depth);
  const bias = ctx.optionalFloat(op.inputs[2] ?? -1, 'bias');
  const out = ctx.float(op.outputs[0], 'output');
  const rows = x.length / depth;
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  return () => {
    for (let r = 0; r < rows; r++) {
      if (bias === undefined) out.fill(0, r * units, (r + 1) * units);
      else copyValues(bias, out, r * units);
    }
    addMatMul(weights, rows, x, 0, depth, out, 0, units);
    applyFused(activation, out);
  };
}
