/**
 * RESHAPE changes only the shape: when the planner gave the output its input's bytes there is
 * nothing to do, otherwise the values are copied as they are.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { copyValues } from '../copy.js';

export function reshapeKernel(op: OpOf<'RESHAPE'>, ctx: KernelContext): Kernel {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const x = ctx.view(input, 'input');
  const out = ctx.view(output, 'output');
  if (x.length !== out.length || ctx.dtype(input) !== ctx.dtype(output)) {
    ctx.fail(
      `cannot reshape ${x.length} ${ctx.dtype(input)} values into ${out.length} ${ctx.dtype(output)}`,
      'Re-infer the graph shapes',
    );
  }
  if (ctx.sameMemory(input, output)) return () => {};
  return () => copyValues(x, out, 0);
}
