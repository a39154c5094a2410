/**
 * MAX_POOL_2D / AVERAGE_POOL_2D as MaxPool / AveragePool on NCHW (AveragePool leaves padded
 * positions out of the mean, as TFLite does), MEAN / REDUCE_MAX as ReduceMean / ReduceMax
 * (axes as an attribute up to opset 17). An int8 MEAN (integer-mean.ts) and an int8
 * AVERAGE_POOL_2D repeat TFLite's integer arithmetic and rounding.
 */
import type { OpDef } from '../../../graph/types.js';
import { activationRange, INT8_RANGE } from '../../../quant/params.js';
import { attr } from '../onnx-builder.js';
import { ONNX_TYPE } from '../onnx-model.js';
import { isQuantized } from '../tensor-types.js';
import { applyActivation } from './activation.js';
import { intOperand, type ConvertContext } from './context.js';
import { convertIntegerMean } from './integer-mean.js';
import { roundHalfAwayFromZero, storeInt8, widen } from './integer-rounding.js';
import { CHANNELS_FIRST, NCHW_TO_NHWC, NHWC_TO_NCHW, transposeTo } from './layout.js';
import { windowPads } from './matrix.js';

export function convertPool(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'MAX_POOL_2D' | 'AVERAGE_POOL_2D' }>,
): void {
  const { builder, values, shapes, graph } = ctx;
  const input = op.inputs[0]!;
  const output = op.outputs[0]!;
  const options = op.options;
  const kernel = [options.filterH, options.filterW];
  const strides = [options.strideH, options.strideW];
  const attributes = {
    kernel_shape: attr.ints(kernel),
    strides: attr.ints(strides),
    pads: attr.ints(windowPads(shapes[input]!.slice(1, 3), kernel, strides, [1, 1], options.padding)),
  };
  const [toNchw, toNhwc] = [transposeTo(builder, NHWC_TO_NCHW), transposeTo(builder, NCHW_TO_NHWC)];
  const name = `${graph.tensors[output]!.name}/pool`;
  const inputDef = graph.tensors[input]!;
  if (op.type === 'AVERAGE_POOL_2D' && inputDef.dtype === 'int8' && isQuantized(inputDef)) {
    // TFLite averages the int8 values themselves and rounds halves away from zero, where
    // QuantizeLinear would round them to even: with an even window, about every other output.
    // AveragePool runs in float32 only; its halves are exact there, and other averages are
    // at least 1/count away from one.
    const floats = builder.node('Cast', [values.storedIn(input, CHANNELS_FIRST, toNchw)], `${name}/float`, {
      to: attr.int(ONNX_TYPE.float),
    });
    const average = widen(
      builder,
      builder.node('AveragePool', [floats], `${name}/average`, attributes),
      name,
    );
    const { scale, zeroPoint } = graph.tensors[output]!.quantization!;
    const range = activationRange(options.fusedActivation, scale[0]!, zeroPoint[0]!, INT8_RANGE);
    const stored = storeInt8(builder, roundHalfAwayFromZero(builder, average, name), name, range);
    values.setStoredIn(output, stored, CHANNELS_FIRST, toNhwc);
    return;
  }
  const pooled = builder.node(
    op.type === 'MAX_POOL_2D' ? 'MaxPool' : 'AveragePool',
    [values.floatIn(input, CHANNELS_FIRST, toNchw)],
    name,
    attributes,
  );
  values.setFloatResultIn(
    output,
    applyActivation(builder, pooled, values.activationBefore(output, options.fusedActivation)),
    CHANNELS_FIRST,
    toNhwc,
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
