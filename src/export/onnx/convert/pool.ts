/**
 * MAX_POOL_2D / AVERAGE_POOL_2D as MaxPool / AveragePool on NCHW (AveragePool leaves padded
 * positions out of the mean, as TFLite does), MEAN / REDUCE_MAX as ReduceMean / ReduceMax
 * (axes as an attribute up to opset 17); an int8 MEAN as TFLite's integer arithmetic
 * (integer-mean.ts).
 */
import type { OpDef } from '../../../graph/types.js';
import { attr } from '../onnx-builder.js';
import { isQuantized } from '../tensor-types.js';
import { applyActivation } from './activation.js';
import { intOperand, type ConvertContext } from './context.js';
import { convertIntegerMean } from './integer-mean.js';
import { CHANNELS_FIRST, NCHW_TO_NHWC, NHWC_TO_NCHW, transposeTo } from './layout.js';
import { windowPads } from './matrix.js';

export function convertPool(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D' }>,
): void {
  const { builder, values, shapes } = ctx;
  const input = op.inputs[0]!;
  const output = op.outputs[0]!;
  const options = op.options;
  const kernel = [options.filterH, options.filterW];
  const strides = [options.strideH, options.strideW];
  const pooled = builder.node(
    op.type === 'MAX_POOL_2D' ? 'MaxPool' : 'AveragePool',
    [values.floatIn(input, CHANNELS_FIRST, transposeTo(builder, NHWC_TO_NCHW))],
    `${ctx.graph.tensors[output]!.name}/pool`,
    {
      kernel_shape: attr.ints(kernel),
      strides: attr.ints(strides),
      pads: attr.ints(windowPads(shapes[input]!.slice(1, 3), kernel, strides, [1, 1], options.padding)),
    },
  );
  values.setFloatResultIn(
    output,
    applyActivation(builder, pooled, values.activationBefore(output, options.fusedActivation)),
    CHANNELS_FIRST,
    transposeTo(builder, NCHW_TO_NHWC),
  );
}

export function convertReduce(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'MEAN' | 'REDUCE_MAX' }>,
): void {
  const output = op.outputs[0]!;
  const axes = intOperand(ctx, 1);
  const [inputDef, outputDef] = [ctx.graph.tensors[op.inputs[0]!]!, ctx.graph.tensors[output]!];
  if (op.type === 'MEAN' && inputDef.dtype === 'int8' && isQuantized(inputDef) && isQuantized(outputDef))
    return convertIntegerMean(ctx, op, axes);
  const reduced = ctx.builder.node(
    op.type === 'MEAN' ? 'ReduceMean' : 'ReduceMax',
    [ctx.values.floatOf(op.inputs[0]!)],
    `${outputDef.name}/reduced`,
    { axes: attr.ints(axes), keepdims: attr.int(op.options.keepDims ? 1 : 0) },
  );
  ctx.values.setFloatResult(output, reduced);
}
