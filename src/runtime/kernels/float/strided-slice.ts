/**
 * STRIDED_SLICE with TFLite's begin/end/shrink-axis masks: per sliced dimension, begin and end
 * count from the end when negative and are clamped to the dimension; a begin (end) mask bit
 * takes the whole range from the start (to the end) in the stride's direction; a shrink bit
 * takes the single element at begin and drops the dimension. Dimensions beyond the operands
 * are taken whole. Ellipsis and new-axis masks are not supported (shape inference rejects them too).
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { stridedSlicePlan } from '../strided-slice-plan.js';

export function stridedSliceKernel(op: OpOf<'STRIDED_SLICE'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const { walk, base } = stridedSlicePlan(op, ctx, out.length);
  const count = out.length;
  return () => {
    walk.reset();
    for (let i = 0; i < count; i++) {
      out[i] = x[base + walk.offset];
      walk.advance();
    }
  };
}
