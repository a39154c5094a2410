/**
 * FULLY_CONNECTED as Gemm (weights [out, in] with transB, inputs of rank > 2 flattened to
 * rows first, as TFLite does); CONV_2D and DEPTHWISE_CONV_2D as Conv on NCHW with OIHW
 * filters (the depthwise one grouped per input channel) and TFLite's SAME padding written
 * out explicitly (the extra row or column goes at the end).
 */
import type { Conv2DOptions, OpDef, Padding } from '../../../graph/types.js';
import { attr } from '../onnx-builder.js';
import { applyActivation } from './activation.js';
import { constantOperand, optionalOperand, type ConvertContext } from './context.js';
import {
  CHANNELS_FIRST,
  NCHW_TO_NHWC,
  NHWC_TO_NCHW,
  permuteConstant,
  reshapeTo,
  transposeTo,
} from './layout.js';

export function convertFullyConnected(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'FULLY_CONNECTED' }>,
): void {
  const { builder, values, shapes } = ctx;
  const [input, weights] = op.inputs as [number, number];
  const depth = shapes[weights]![1]!;
  const flatten = shapes[input]!.length === 2 ? undefined : reshapeTo(builder, [-1, depth]);
  const bias = optionalOperand(ctx, 2);
  const operands = [values.floatOf(input, flatten), values.floatOf(weights)];
  if (bias !== undefined) operands.push(values.floatOf(bias));
  const output = op.outputs[0]!;
  const product = builder.node('Gemm', operands, `${ctx.graph.tensors[output]!.name}/gemm`, {
    transB: attr.int(1),
  });
  const outputShape = shapes[output]!;
  values.setFloatResult(
    output,
    applyActivation(builder, product, values.activationBefore(output, op.options.fusedActivation)),
    outputShape.length === 2 ? undefined : reshapeTo(builder, outputShape),
  );
}

/** ONNX pads [begin H, begin W, end H, end W] for TFLite's padding of a window over H and W. */
export function windowPads(
  inputHW: readonly number[],
  kernelHW: readonly number[],
  strideHW: readonly number[],
  dilationHW: readonly number[],
  padding: Padding,
): number[] {
  if (padding === 'VALID') return [0, 0, 0, 0];
  const totals = inputHW.map((size, axis) => {
    const out = Math.ceil(size / strideHW[axis]!);
    const span = (kernelHW[axis]! - 1) * dilationHW[axis]! + 1;
    return Math.max((out - 1) * strideHW[axis]! + span - size, 0);
  });
  const begins = totals.map((total) => Math.floor(total / 2));
  return [...begins, ...totals.map((total, axis) => total - begins[axis]!)];
}

export function convertConvolution(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'CONV_2D' | 'DEPTHWISE_CONV_2D' }>,
): void {
  const { builder, values, shapes } = ctx;
  const input = op.inputs[0]!;
  const inputShape = shapes[input]!;
  const depthwise = op.type === 'DEPTHWISE_CONV_2D';
  // OHWI -> OIHW; the depthwise [1, kh, kw, C·M] -> [C·M, 1, kh, kw], one group per input channel.
  const filter = permuteConstant(constantOperand(ctx, 1), depthwise ? [3, 0, 1, 2] : NHWC_TO_NCHW);
  const kernelHW = filter.shape.slice(2);
  const options: Conv2DOptions = op.options;
  const strides = [options.strideH, options.strideW];
  const dilations = [options.dilationH, options.dilationW];
  const operands = [
    values.floatIn(input, CHANNELS_FIRST, transposeTo(builder, NHWC_TO_NCHW)),
    values.constantFloat(filter),
  ];
  const bias = optionalOperand(ctx, 2);
  if (bias !== undefined) operands.push(values.floatOf(bias));
  const output = op.outputs[0]!;
  const convolved = builder.node('Conv', operands, `${ctx.graph.tensors[output]!.name}/conv`, {
    kernel_shape: attr.ints(kernelHW),
    strides: attr.ints(strides),
    dilations: attr.ints(dilations),
    pads: attr.ints(windowPads(inputShape.slice(1, 3), kernelHW, strides, dilations, options.padding)),
    group: attr.int(depthwise ? inputShape[3]! : 1),
  });
  values.setFloatResultIn(
    output,
    applyActivation(builder, convolved, values.activationBefore(output, options.fusedActivation)),
    CHANNELS_FIRST,
    transposeTo(builder, NCHW_TO_NHWC),
  );
}
