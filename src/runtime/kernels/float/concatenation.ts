/**
 * CONCATENATION along `axis` (negative counts from the end), then the fused activation. For
 * each position of the dimensions before the axis, every input contributes one contiguous
 * chunk (its axis length times the dimensions after it).
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { applyFused, fusedActivation } from './activation.js';

export function concatenationKernel(op: OpOf<'CONCATENATION'>, ctx: KernelContext): Kernel {
  const parts = op.inputs.map((tensor, i) => ctx.float(tensor, `input ${i}`));
  const out = ctx.float(op.outputs[0], 'output');
  const outShape = ctx.shape(op.outputs[0]);
  const rank = outShape.length;
  const axis = op.options.axis < 0 ? op.options.axis + rank : op.options.axis;
  if (axis < 0 || axis >= rank)
    ctx.fail(`axis ${op.options.axis} is outside rank ${rank}`, 'Use an axis of the inputs');
  const outer = outShape.slice(0, axis).reduce((product, size) => product * size, 1);
  const chunks = op.inputs.map((tensor) =>
    ctx
      .shape(tensor)
      .slice(axis)
      .reduce((product, size) => product * size, 1),
  );
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  return () => {
    let to = 0;
    for (let o = 0; o < outer; o++) {
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p];
        const chunk = chunks[p];
        for (let i = 0, from = o * chunk; i < chunk; i++) out[to++] = part[from + i];
      }
    }
    applyFused(activation, out);
  };
}
