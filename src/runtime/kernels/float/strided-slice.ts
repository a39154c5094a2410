/**
 * STRIDED_SLICE with TFLite's begin/end/shrink-axis masks: per sliced dimension, begin and end
 * count from the end when negative and are clamped to the dimension; a begin (end) mask bit
 * takes the whole range from the start (to the end) in the stride's direction; a shrink bit
 * takes the single element at begin and drops the dimension. Dimensions beyond the operands
 * are taken whole. Ellipsis and new-axis masks are not supported (shape inference rejects them too).
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { contiguousStrides, StridedWalk } from '../strided-walk.js';

interface AxisSlice {
  start: number;
  step: number;
  count: number;
}

export function stridedSliceKernel(op: OpOf<'STRIDED_SLICE'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const shape = ctx.shape(op.inputs[0]);
  const begin = ctx.ints(op.inputs[1], 'begin');
  const end = ctx.ints(op.inputs[2], 'end');
  const strides = ctx.ints(op.inputs[3], 'strides');
  const { beginMask, endMask, shrinkAxisMask, ellipsisMask, newAxisMask } = op.options;
  if (ellipsisMask !== 0 || newAxisMask !== 0) {
    ctx.fail('ellipsis and new-axis masks have no kernel', 'Slice with begin, end and shrink masks only');
  }
  if (begin.length !== end.length || begin.length !== strides.length || begin.length > shape.length) {
    ctx.fail(
      'begin, end and strides need one entry per sliced dimension',
      'Give equally long begin, end and strides',
    );
  }
  const slices = shape.map((size, axis): AxisSlice => {
    if (axis >= begin.length) return { start: 0, step: 1, count: size };
    const bit = 1 << axis;
    const step = strides[axis];
    if (step === 0) ctx.fail(`stride of dimension ${axis} is 0`, 'Use non-zero strides');
    const first = (beginMask & bit) !== 0 ? (step > 0 ? 0 : size - 1) : clampIndex(begin[axis], size, step);
    if ((shrinkAxisMask & bit) !== 0) {
      if (first < 0 || first >= size)
        ctx.fail(
          `index ${begin[axis]} is outside dimension ${axis} (size ${size})`,
          'Slice inside the input',
        );
      return { start: first, step: 1, count: 1 };
    }
    const last = (endMask & bit) !== 0 ? (step > 0 ? size : -1) : clampIndex(end[axis], size, step);
    return { start: first, step, count: Math.max(0, Math.ceil((last - first) / step)) };
  });
  const inputStrides = contiguousStrides(shape);
  const walk = new StridedWalk(
    slices.map((slice) => slice.count),
    slices.map((slice, axis) => slice.step * inputStrides[axis]),
  );
  if (walk.count !== out.length) {
    ctx.fail(
      `the slice selects ${walk.count} values but the output holds ${out.length}`,
      'Re-infer the graph shapes',
    );
  }
  const base = slices.reduce((offset, slice, axis) => offset + slice.start * inputStrides[axis], 0);
  const count = out.length;
  return () => {
    walk.reset();
    for (let i = 0; i < count; i++) {
      out[i] = x[base + walk.offset];
      walk.advance();
    }
  };
}

/** A bound made non-negative (counting from the end) and clamped as TFLite does for the stride's direction. */
function clampIndex(index: number, size: number, step: number): number {
  const absolute = index < 0 ? index + size : index;
  return step > 0 ? Math.min(Math.max(absolute, 0), size) : Math.min(Math.max(absolute, -1), size - 1);
}
