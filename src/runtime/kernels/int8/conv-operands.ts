/**
 * What CONV_2D and DEPTHWISE_CONV_2D share in int8: their operand views, the symmetric
 * per-channel filter check, the input zero point and the per-channel output stage.
 */
import type { KernelContext, OpOf } from '../context.js';
import { int8, optionalInt32, quantOf } from './operands.js';
import { filterQuantization, outputStage, type OutputStage } from './output-stage.js';

export interface ConvInt8Operands {
  x: Int8Array;
  filter: Int8Array;
  bias: Int32Array | undefined;
  out: Int8Array;
  /** Output channels. */
  filters: number;
  inputZeroPoint: number;
  stage: OutputStage;
}

/** `channelAxis`: the filter dimension that counts output channels (0 for CONV_2D, 3 for depthwise). */
export function convInt8Operands(
  op: OpOf<'CONV_2D' | 'DEPTHWISE_CONV_2D'>,
  ctx: KernelContext,
  channelAxis: number,
): ConvInt8Operands {
  const [input, filterTensor, biasTensor] = op.inputs;
  const output = op.outputs[0];
  const filters = ctx.shape(filterTensor)[channelAxis];
  const filterQuant = filterQuantization(ctx, filterTensor, filters);
  if (filterQuant.zeroPoint !== 0)
    ctx.fail('the filter has a non-zero zero point', 'Quantize convolution weights symmetrically');
  return {
    x: int8(ctx, input, 'input'),
    filter: int8(ctx, filterTensor, 'filter'),
    bias: optionalInt32(ctx, biasTensor, 'bias'),
    out: int8(ctx, output, 'output'),
    filters,
    inputZeroPoint: quantOf(ctx, input, 'input').zeroPoint,
    stage: outputStage(
      ctx,
      { input, filter: filterQuant, output },
      filters,
      op.options.fusedActivation,
      false,
    ),
  };
}
