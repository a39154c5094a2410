/**
 * int8 MEAN exactly as TensorFlow Lite computes it (QuantizedMeanOrSum, edgeforge's int8
 * kernel): the integer sum minus count · input zero point, times the fixed-point multiplier
 * with 1/count folded in, which rounds twice (the high multiply, then the right shift), plus
 * the output zero point. With a small final shift the double rounding moves about one mean in
 * ten a step up from the exact mean that ReduceMean + QuantizeLinear would give, so the ONNX
 * form does the same integer arithmetic in float64, where every value involved is exact.
 */
import { meanMultiplier } from '../../../quant/params.js';
import type { OpDef } from '../../../graph/types.js';
import { attr } from '../onnx-builder.js';
import { ONNX_TYPE } from '../onnx-model.js';
import type { ConvertContext } from './context.js';

const INT8 = { min: -128, max: 127 };

export function convertIntegerMean(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'MEAN' | 'REDUCE_MAX' }>,
  axes: readonly number[],
): void {
  const { builder, values, graph, shapes } = ctx;
  const [input, output] = [op.inputs[0]!, op.outputs[0]!];
  const inputQuant = graph.tensors[input]!.quantization!;
  const outputQuant = graph.tensors[output]!.quantization!;
  const shape = shapes[input]!;
  const count = axes.reduce((product, axis) => product * shape[axis < 0 ? axis + shape.length : axis]!, 1);
  const { multiplier, shift } = meanMultiplier(inputQuant.scale[0]!, outputQuant.scale[0]!, count);
  const name = `${graph.tensors[output]!.name}/mean`;
  const double = (value: number) => builder.double(value);

  const wide = builder.node('Cast', [values.storedOf(input)], `${name}/wide`, {
    to: attr.int(ONNX_TYPE.double),
  });
  const sum = builder.node('ReduceSum', [wide, builder.int64s(axes)], `${name}/sum`, {
    keepdims: attr.int(op.options.keepDims ? 1 : 0),
  });
  const centred = builder.node('Sub', [sum, double(count * inputQuant.zeroPoint[0]!)], `${name}/centred`);
  // SaturatingRoundingDoublingHighMul (after the left shift, if any): x · m / 2^31 rounded half up.
  const product = builder.node(
    'Mul',
    [centred, double((multiplier * 2 ** Math.max(shift, 0)) / 2 ** 31)],
    `${name}/scaled`,
  );
  let rounded = builder.node(
    'Floor',
    [builder.node('Add', [product, double(0.5)], `${name}/nudged`)],
    `${name}/high`,
  );
  if (shift < 0) rounded = roundHalfAwayFromZero(ctx, rounded, 2 ** shift, name);
  const shifted = builder.node('Add', [rounded, double(outputQuant.zeroPoint[0]!)], `${name}/offset`);
  const clamped = builder.node('Clip', [shifted, double(INT8.min), double(INT8.max)], `${name}/clamped`);
  values.setStored(output, builder.node('Cast', [clamped], `${name}/int8`, { to: attr.int(ONNX_TYPE.int8) }));
}

/** RoundingDivideByPOT: `value` · `factor` (a power of two below 1) rounded half away from zero. */
function roundHalfAwayFromZero(ctx: ConvertContext, value: string, factor: number, name: string): string {
  const { builder } = ctx;
  const magnitude = builder.node(
    'Mul',
    [builder.node('Abs', [value], `${name}/magnitude`), builder.double(factor)],
    `${name}/divided`,
  );
  const roundedMagnitude = builder.node(
    'Floor',
    [builder.node('Add', [magnitude, builder.double(0.5)], `${name}/halfway`)],
    `${name}/rounded`,
  );
  return builder.node(
    'Mul',
    [roundedMagnitude, builder.node('Sign', [value], `${name}/sign`)],
    `${name}/shifted`,
  );
}
