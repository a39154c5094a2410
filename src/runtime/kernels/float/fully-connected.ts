/**
 * FULLY_CONNECTED: out[r, o] = act(bias[o] + Σ_k x[r, k]·W[o, k]) with W [units, depth]
 * (TFLite's layout). Rows are the input's leading dimensions (keepNumDims) or its values in
 * rows of `depth`; each row is one matrix-vector product.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { copyValues } from '../copy.js';
import { applyFused, fusedActivation } from './activation.js';
import { addMatVec } from './mat-vec.js';

export function fullyConnectedKernel(op: OpOf<'FULLY_CONNECTED'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const weights = ctx.float(op.inputs[1], 'weights');
  const bias = ctx.optionalFloat(op.inputs[2] ?? -1, 'bias');
  const out = ctx.float(op.outputs[0], 'output');
  const [units, depth] = ctx.shape(op.inputs[1]);
  const rows = x.length / depth;
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  return () => {
    for (let r = 0; r < rows; r++) {
      if (bias === undefined) out.fill(0, r * units, (r + 1) * units);
      else copyValues(bias, out, r * units);
      addMatVec(units, depth, weights, x, r * depth, out, r * units);
    }
    applyFused(activation, out);
  };
}
