/**
 * int8 PAD, STRIDED_SLICE and CONCATENATION: they move values without changing them, so the
 * output shares the input's scale and zero point (checked), and PAD fills with the zero point
 * (real 0.0), as TFLite Micro does. Written over any typed array.
 */
import type { TensorData } from '../../../graph/types.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { stridedSlicePlan } from '../strided-slice-plan.js';
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

export function stridedSliceInt8Kernel(op: OpOf<'STRIDED_SLICE'>, ctx: KernelContext): Kernel {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const out = int8(ctx, output, 'output');
  requireSameQuantization(ctx, input, output, SAME_VALUES);
  const { walk, base } = stridedSlicePlan(op, ctx, out.length);
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
