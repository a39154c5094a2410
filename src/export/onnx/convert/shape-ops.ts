/**
 * Ops that move values without computing new ones: RESHAPE and STRIDED_SLICE work on the
 * stored value directly when input and output share a dtype and quantization (as PTQ makes
 * them), else through float; PAD and CONCATENATION compute in float (the padding is a real 0,
 * the concatenated inputs may carry different parameters).
 */
import { sliceBounds } from '../../../graph/shapes.js';
import type { OpDef, TensorDef } from '../../../graph/types.js';
import { attr } from '../onnx-builder.js';
import { isQuantized } from '../tensor-types.js';
import type { Relayout } from '../tensor-values.js';
import { applyActivation } from './activation.js';
import { intOperand, type ConvertContext } from './context.js';
import { reshapeTo } from './layout.js';

/** Past any dimension's start when walking backwards: ONNX clamps it to "before index 0". */
const BEFORE_START = -(2 ** 53);

function sameStorage(a: TensorDef, b: TensorDef): boolean {
  if (a.dtype !== b.dtype || isQuantized(a) !== isQuantized(b)) return false;
  if (!isQuantized(a)) return true;
  const [qa, qb] = [a.quantization!, b.quantization!];
  return (
    qa.scale.length === 1 &&
    qb.scale.length === 1 &&
    qa.scale[0] === qb.scale[0] &&
    qa.zeroPoint[0] === qb.zeroPoint[0]
  );
}

/** Applies `move` to the input and records it as the output, in stored form when the two share it. */
function moveValue(ctx: ConvertContext, move: Relayout): void {
  const [input, output] = [ctx.op.inputs[0]!, ctx.op.outputs[0]!];
  const { values, graph } = ctx;
  if (sameStorage(graph.tensors[input]!, graph.tensors[output]!))
    values.setStored(output, move(values.storedOf(input)));
  else values.setFloatResult(output, move(values.floatOf(input)));
}

export function convertReshape(ctx: ConvertContext): void {
  moveValue(ctx, reshapeTo(ctx.builder, ctx.shapes[ctx.op.outputs[0]!]!));
}

export function convertStridedSlice(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'STRIDED_SLICE' }>,
): void {
  const { builder } = ctx;
  const shape = ctx.shapes[op.inputs[0]!]!;
  const [begin, end, strides] = [intOperand(ctx, 1), intOperand(ctx, 2), intOperand(ctx, 3)];
  const slice = { starts: [] as number[], ends: [] as number[], axes: [] as number[], steps: [] as number[] };
  const shrink: number[] = [];
  begin.forEach((_, axis) => {
    const stride = strides[axis]!;
    const { first, last } = sliceBounds(shape[axis]!, axis, begin[axis]!, end[axis]!, stride, op.options);
    const shrinks = (op.options.shrinkAxisMask & (1 << axis)) !== 0;
    if (shrinks) shrink.push(axis);
    const stop = shrinks ? first + 1 : last < 0 ? BEFORE_START : last;
    const step = shrinks ? 1 : stride;
    // A whole axis is left out of the Slice, so the batch axis stays free.
    if (first === 0 && stop === shape[axis] && step === 1) return;
    slice.starts.push(first);
    slice.ends.push(stop);
    slice.axes.push(axis);
    slice.steps.push(step);
  });
  moveValue(ctx, (value) => {
    const sliced =
      slice.axes.length === 0
        ? value
        : builder.node(
            'Slice',
            [
              value,
              ...[slice.starts, slice.ends, slice.axes, slice.steps].map((list) => builder.int64s(list)),
            ],
            `${value}/sliced`,
          );
    return shrink.length === 0
      ? sliced
      : builder.node('Squeeze', [sliced, builder.int64s(shrink)], `${value}/squeezed`);
  });
}

export function convertPad(ctx: ConvertContext): void {
  const paddings = intOperand(ctx, 1);
  const begins = paddings.filter((_, i) => i % 2 === 0);
  const ends = paddings.filter((_, i) => i % 2 === 1);
  const output = ctx.op.outputs[0]!;
  const padded = ctx.builder.node(
    'Pad',
    [ctx.values.floatOf(ctx.op.inputs[0]!), ctx.builder.int64s([...begins, ...ends])],
    `${ctx.graph.tensors[output]!.name}/padded`,
  );
  ctx.values.setFloatResult(output, padded);
}

export function convertConcatenation(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'CONCATENATION' }>,
): void {
  const output = op.outputs[0]!;
  const joined = ctx.builder.node(
    'Concat',
    op.inputs.map((input) => ctx.values.floatOf(input)),
    `${ctx.graph.tensors[output]!.name}/concat`,
    { axis: attr.int(op.options.axis) },
  );
  ctx.values.setFloatResult(
    output,
    applyActivation(ctx.builder, joined, ctx.values.activationBefore(output, op.options.fusedActivation)),
  );
}
