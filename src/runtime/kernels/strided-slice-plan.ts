/**
 * STRIDED_SLICE planned once at build time for the float and int8 kernels: per dimension the
 * start, step and count (bounds from the graph's own sliceBounds, so inference and kernels
 * agree), folded into a strided walk over the input. Ellipsis and new-axis masks have no kernel.
 */
import { sliceBounds } from '../../graph/shapes.js';
import type { KernelContext, OpOf } from './context.js';
import { contiguousStrides, StridedWalk } from './strided-walk.js';

/** One input dimension's part of a slice: `count` positions from `start` in steps of `step`. */
interface AxisSlice {
  start: number;
  step: number;
  count: number;
}

export interface SlicePlan {
  /** Walks the selected input positions, relative to base, in output order. */
  walk: StridedWalk;
  base: number;
}

export function stridedSlicePlan(
  op: OpOf<'STRIDED_SLICE'>,
  ctx: KernelContext,
  outLength: number,
): SlicePlan {
  const shape = ctx.shape(op.inputs[0]);
  const slices = sliceAxes(ctx, op, shape);
  const inputStrides = contiguousStrides(shape);
  const walk = new StridedWalk(
    slices.map((slice) => slice.count),
    slices.map((slice, axis) => slice.step * inputStrides[axis]),
  );
  if (walk.count !== outLength) {
    ctx.fail(
      `the slice selects ${walk.count} values but the output holds ${outLength}`,
      'Re-infer the graph shapes',
    );
  }
  const base = slices.reduce((offset, slice, axis) => offset + slice.start * inputStrides[axis], 0);
  return { walk, base };
}

function sliceAxes(ctx: KernelContext, op: OpOf<'STRIDED_SLICE'>, shape: readonly number[]): AxisSlice[] {
  const begin = ctx.ints(op.inputs[1], 'begin');
  const end = ctx.ints(op.inputs[2], 'end');
  const strides = ctx.ints(op.inputs[3], 'strides');
  const { shrinkAxisMask, ellipsisMask, newAxisMask } = op.options;
  if (ellipsisMask !== 0 || newAxisMask !== 0) {
    ctx.fail('ellipsis and new-axis masks have no kernel', 'Slice with begin, end and shrink masks only');
  }
  if (begin.length !== end.length || begin.length !== strides.length || begin.length > shape.length) {
    ctx.fail(
      'begin, end and strides need one entry per sliced dimension',
      'Give equally long begin, end and strides',
    );
  }
  return shape.map((size, axis): AxisSlice => {
    if (axis >= begin.length) return { start: 0, step: 1, count: size };
    const step = strides[axis];
    if (step === 0) ctx.fail(`stride of dimension ${axis} is 0`, 'Use non-zero strides');
    const { first, last } = sliceBounds(size, axis, begin[axis], end[axis], step, op.options);
    if ((shrinkAxisMask & (1 << axis)) !== 0) {
      if (first < 0 || first >= size)
        ctx.fail(
          `index ${begin[axis]} is outside dimension ${axis} (size ${size})`,
          'Slice inside the input',
        );
      return { start: first, step: 1, count: 1 };
    }
    return { start: first, step, count: Math.max(0, Math.ceil((last - first) / step)) };
  });
}
