/**
 * int8 MEAN exactly as TensorFlow Lite computes it (QuantizedMeanOrSum, edgeforge's int8
 * kernel): the integer sum minus count · input zero point, times the fixed-point multiplier
 * with 1/count folded in, which rounds twice (the high multiply, then the right shift), plus
 * the output zero point. With a small final shift the double rounding moves about one mean in
 * ten a step up from the exact mean that ReduceMean + QuantizeLinear would give, so the ONNX
 * form does the same integer arithmetic in float64, where every value involved is exact.
 */
import { INT8_RANGE, meanMultiplier } from '../../../quant/params.js';
import type { OpDef } from '../../../graph/types.js';
import { attr } from '../onnx-builder.js';
import type { ConvertContext } from './context.js';
import { roundHalfAwayFromZero, storeInt8, widen } from './integer-rounding.js';

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

  const sum = builder.node(
    'ReduceSum',
    [widen(builder, values.storedOf(input), name), builder.int64s(axes)],
    `${name}/sum`,
    {
      keepdims: attr.int(op.options.keepDims ? 1 : 0),
    },
  );
  const centred = builder.node(
    'Sub',
    [sum, builder.double(count * inputQuant.zeroPoint[0]!)],
    `${name}/centred`,
  );
  // SaturatingRoundingDoublingHighMul (after the left shift, if any): x · m / 2^31 rounded half up.
  const product = builder.node(
    'Mul',
    [centred, builder.double((multiplier * 2 ** Math.max(shift, 0)) / 2 ** 31)],
    `${name}/scaled`,
  );
  const high = builder.node(
    'Floor',
    [builder.node('Add', [product, builder.double(0.5)], `${name}/nudged`)],
    `${name}/high`,
  );
  // The right shift, if any: RoundingDivideByPOT.
  const shifted = shift < 0 ? roundHalfAwayFromZero(builder, high, name, 2 ** shift) : high;
  const offset = builder.node('Add', [shifted, builder.double(outputQuant.zeroPoint[0]!)], `${name}/offset`);
  values.setStored(output, storeInt8(builder, offset, name, INT8_RANGE));
}
