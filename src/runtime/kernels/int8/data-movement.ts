/**
 * int8 PAD, STRIDED_SLICE and CONCATENATION: they move values without changing them, so the
 * output shares the input's scale and zero point (checked), and PAD fills with the zero point
 * (real 0.0), as TFLite Micro does. Written over any typed array.
 */
import type { TensorData } from '../../../graph/types.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { contiguousStrides, StridedWalk } from '../strided-walk.js';
import { int8, quantOf, requireSameQuantization } from './operands.js';

const SAME_VALUES = 'this op copies values unchanged';

export function padInt8Kernel(op: OpOf<'PAD'>, ctx: KernelContext): Kernel {
  const [input, paddingsTensor] = op.inputs;
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const out = int8(ctx, output, 'output');
  requireSameQuantization(ctx, input, output, SAME_VALUES);
  const shape = ctx.shape(input);
  const paddings = ctx.ints(paddingsTensor, 'paddings');
  if (paddings.length !== 2 * shape.length || paddings.some((amount) => amount < 0)) {
    ctx.fail(
      'paddings must be [rank, 2] of non-negative amounts',
      'Give (before, after) per input dimension',
    );
  }
  const outStrides = contiguousStrides(ctx.shape(output));
  const rowLength = shape.length === 0 ? 1 : shape[shape.length - 1];
  // Each input row (its last dimension) lands contiguously at the padded position.
  const rows = new StridedWalk(shape.slice(0, -1), outStrides.slice(0, -1));
  const rowCount = rows.count;
  const base = outStrides.reduce((offset, stride, axis) => offset + paddings[2 * axis] * stride, 0);
  const zeroPoint = quantOf(ctx, output, 'output').zeroPoint;
  return () => {
    out.fill(zeroPoint);
    rows.reset();
    for (let r = 0; r < rowCount; r++) {
      copyRun(x, r * rowLength, out, base + rows.offset, rowLength);
      rows.advance();
    }
  };
}

/** to[toAt + i] = from[fromAt + i] for i < length. */
function copyRun(from: TensorData, fromAt: number, to: TensorData, toAt: number, length: number): void {
  for (let i = 0; i < length; i++) to[toAt + i] = from[fromAt + i];
}

/** One input dimension's part of a slice: `count` positions from `start` in steps of `step`. */
interface AxisSlice {
  start: number;
  step: number;
  count: number;
}

/**
 * TFLite's strided-slice bounds per dimension (StartForAxis / StopForAxis): negative indices
 * count from the end, then clamp to the dimension in the stride's direction; a begin (end)
 * mask bit takes everything from the first (to the last) position; a shrink bit takes the
 * single position at begin. Dimensions beyond begin/end/strides are taken whole.
 */
function sliceAxes(ctx: KernelContext, op: OpOf<'STRIDED_SLICE'>, shape: readonly number[]): AxisSlice[] {
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
  return shape.map((size, axis) => {
    if (axis >= begin.length) return { start: 0, step: 1, count: size };
    const step = strides[axis];
    if (step === 0) ctx.fail(`stride of dimension ${axis} is 0`, 'Use non-zero strides');
    const masked = (mask: number) => (mask & (1 << axis)) !== 0;
    const clamped = (index: number) => {
      const absolute = index < 0 ? index + size : index;
      return step > 0 ? Math.min(Math.max(absolute, 0), size) : Math.min(Math.max(absolute, -1), size - 1);
    };
    const start = masked(beginMask) ? (step > 0 ? 0 : size - 1) : clamped(begin[axis]);
    if (masked(shrinkAxisMask)) {
      if (start < 0 || start >= size)
        ctx.fail(
          `index ${begin[axis]} is outside dimension ${axis} (size ${size})`,
          'Slice inside the input',
        );
      return { start, step: 1, count: 1 };
    }
    const stop = masked(endMask) ? (step > 0 ? size : -1) : clamped(end[axis]);
    return { start, step, count: Math.max(0, Math.ceil((stop - start) / step)) };
  });
}

export function stridedSliceInt8Kernel(op: OpOf<'STRIDED_SLICE'>, ctx: KernelContext): Kernel {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const out = int8(ctx, output, 'output');
  requireSameQuantization(ctx, input, output, SAME_VALUES);
  const shape = ctx.shape(input);
  const slices = sliceAxes(ctx, op, shape);
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
  return () => {
    walk.reset();
    for (let i = 0; i < out.length; i++) {
      out[i] = x[base + walk.offset];
      walk.advance();
    }
  };
}

export function concatenationInt8Kernel(op: OpOf<'CONCATENATION'>, ctx: KernelContext): Kernel {
  const output = op.outputs[0];
  const parts = op.inputs.map((tensor, i) => {
    requireSameQuantization(ctx, tensor, output, SAME_VALUES);
    return int8(ctx, tensor, `input ${i}`);
  });
  const out = int8(ctx, output, 'output');
  if (op.options.fusedActivation !== 'NONE') {
    ctx.fail(
      `int8 CONCATENATION has no fused ${op.options.fusedActivation}`,
      'Apply the activation as its own operator',
    );
  }
  const outShape = ctx.shape(output);
  const axis = op.options.axis < 0 ? op.options.axis + outShape.length : op.options.axis;
  if (axis < 0 || axis >= outShape.length)
    ctx.fail(`axis ${op.options.axis} is outside rank ${outShape.length}`, 'Use an axis of the inputs');
  const product = (sizes: readonly number[]) => sizes.reduce((total, size) => total * size, 1);
  const outer = product(outShape.slice(0, axis));
  // For each position before the axis, each input contributes one contiguous chunk.
  const chunks = op.inputs.map((tensor) => product(ctx.shape(tensor).slice(axis)));
  return () => {
    let to = 0;
    for (let o = 0; o < outer; o++) {
      for (let p = 0; p < parts.length; p++) {
        copyRun(parts[p], o * chunks[p], out, to, chunks[p]);
        to += chunks[p];
      }
    }
  };
}
