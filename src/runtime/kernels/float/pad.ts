/**
 * PAD with zeros: paddings is a constant int32 [rank, 2] of (before, after) per dimension.
 * The output is cleared, then each input row (its last dimension, contiguous in both) is
 * copied to its place.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { contiguousStrides, StridedWalk } from '../strided-walk.js';

export function padKernel(op: OpOf<'PAD'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const shape = ctx.shape(op.inputs[0]);
  const paddings = ctx.ints(op.inputs[1], 'paddings');
  if (paddings.length !== 2 * shape.length || paddings.some((amount) => amount < 0)) {
    ctx.fail(
      'paddings must be [rank, 2] of non-negative amounts',
      'Give (before, after) per input dimension',
    );
  }
  const outStrides = contiguousStrides(ctx.shape(op.outputs[0]));
  const rank = shape.length;
  const rowLength = rank === 0 ? 1 : shape[rank - 1];
  const rows = new StridedWalk(shape.slice(0, -1), outStrides.slice(0, -1));
  const rowCount = rows.count;
  const base = outStrides.reduce((offset, stride, axis) => offset + paddings[2 * axis] * stride, 0);
  return () => {
    out.fill(0);
    rows.reset();
    for (let r = 0, from = 0; r < rowCount; r++, from += rowLength) {
      const to = base + rows.offset;
      for (let i = 0; i < rowLength; i++) out[to + i] = x[from + i];
      rows.advance();
    }
  };
}
