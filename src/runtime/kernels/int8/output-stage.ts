/**
 * The last step every int8 matrix kernel (FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D) shares:
 * the int32 accumulator (bias included) times the channel's quantized multiplier, plus the
 * output zero point, clamped to the fused activation's range.
 */
import { clamp, multiplyByQuantizedMultiplier } from '../../../quant/arith/int32.js';
import {
  activationRange,
  fullyConnectedMultiplier,
  INT8_RANGE,
  perChannelMultipliers,
} from '../../../quant/params.js';
import type { FusedActivation } from '../../../graph/types.js';
import type { KernelContext } from '../context.js';
import { derive, quantOf, scales } from './operands.js';

export interface OutputStage {
  /** One multiplier and shift per output channel. */
  multipliers: Int32Array;
  shifts: Int32Array;
  zeroPoint: number;
  min: number;
  max: number;
}

/** The int8 output value of output channel `channel` for accumulator `acc`. */
export function requantize(acc: number, stage: OutputStage, channel: number): number {
  const scaled = multiplyByQuantizedMultiplier(acc, stage.multipliers[channel], stage.shifts[channel]);
  return clamp(scaled + stage.zeroPoint, stage.min, stage.max);
}

/** The filter operand's quantization as the matrix kernels use it. */
export interface FilterQuantization {
  scales: number[];
  /** Subtracted from each weight (TFLite's weights_offset is its negation); 0 when per channel. */
  zeroPoint: number;
}

export function filterQuantization(ctx: KernelContext, filter: number, channels: number): FilterQuantization {
  const filterScales = scales(ctx, filter, 'filter');
  const zeroPoints = ctx.quantization(filter)?.zeroPoint ?? [0];
  if (filterScales.length !== 1 && filterScales.length !== channels) {
    ctx.fail(
      `filter ${ctx.describe(filter)} has ${filterScales.length} scales for ${channels} output channels`,
      'Give one scale, or one per output channel',
    );
  }
  if (filterScales.length > 1 && zeroPoints.some((zp) => zp !== 0)) {
    ctx.fail(
      `per-channel filter ${ctx.describe(filter)} has a non-zero zero point`,
      'Quantize per-channel weights symmetrically',
    );
  }
  return { scales: filterScales, zeroPoint: zeroPoints[0] };
}

/**
 * The output stage of an op with operands (input, filter) and `channels` output channels.
 * `floatProductPerTensor`: TFLite's FULLY_CONNECTED with one filter scale multiplies the scales
 * in float32; convolutions (and per-channel FULLY_CONNECTED) multiply in double.
 */
export function outputStage(
  ctx: KernelContext,
  operands: { input: number; filter: FilterQuantization; output: number },
  channels: number,
  activation: FusedActivation,
  floatProductPerTensor: boolean,
): OutputStage {
  const input = quantOf(ctx, operands.input, 'input');
  const output = quantOf(ctx, operands.output, 'output');
  const filterScales = operands.filter.scales;
  return derive(ctx, () => {
    let multipliers: Int32Array;
    let shifts: Int32Array;
    if (floatProductPerTensor && filterScales.length === 1) {
      const { multiplier, shift } = fullyConnectedMultiplier(input.scale, filterScales[0], output.scale);
      multipliers = new Int32Array(channels).fill(multiplier);
      shifts = new Int32Array(channels).fill(shift);
    } else {
      ({ multipliers, shifts } = perChannelMultipliers(input.scale, filterScales, output.scale, channels));
    }
    const range = activationRange(activation, output.scale, output.zeroPoint, INT8_RANGE);
    return { multipliers, shifts, zeroPoint: output.zeroPoint, min: range.min, max: range.max };
  });
}
