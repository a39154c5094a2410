/**
 * int8 MEAN and REDUCE_MAX over the axes of a constant int32 operand. MEAN follows TFLite
 * Micro's QuantizedMeanOrSum: the int32 sum minus count · input zero point, times the
 * input-to-output rescale with 1/count folded into the multiplier, plus the output zero point.
 * REDUCE_MAX takes the largest value; input and output then share scale and zero point.
 */
import { clamp, multiplyByQuantizedMultiplier } from '../../../quant/arith/int32.js';
import { INT8_RANGE, meanMultiplier, type QuantizedMultiplier } from '../../../quant/params.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { contiguousStrides, StridedWalk } from '../strided-walk.js';
import { derive, int8, quantOf, requireSameQuantization } from './operands.js';

/** Walks over the kept dimensions (one step per output) and, inside, over the reduced ones. */
export interface ReductionWalks {
  outer: StridedWalk;
  inner: StridedWalk;
  outputs: number;
  count: number;
}

export function reductionWalks(shape: readonly number[], axes: readonly number[]): ReductionWalks {
  const reduced = new Set(axes);
  const strides = contiguousStrides(shape);
  const pick = (keep: boolean) => shape.map((_, axis) => axis).filter((axis) => reduced.has(axis) !== keep);
  const walk = (dims: number[]) =>
    new StridedWalk(
      dims.map((axis) => shape[axis]),
      dims.map((axis) => strides[axis]),
    );
  const outer = walk(pick(true));
  const inner = walk(pick(false));
  return { outer, inner, outputs: outer.count, count: inner.count };
}

export interface MeanInt8Params {
  inputZeroPoint: number;
  outputZeroPoint: number;
  rescale: QuantizedMultiplier;
}

export function meanInt8(w: ReductionWalks, p: MeanInt8Params, x: Int8Array, out: Int8Array): void {
  const { outer, inner, outputs, count } = w;
  const offset = p.inputZeroPoint * count;
  outer.reset();
  for (let o = 0; o < outputs; o++) {
    inner.reset();
    let sum = 0;
    for (let i = 0; i < count; i++) {
      sum += x[outer.offset + inner.offset];
      inner.advance();
    }
    const scaled = multiplyByQuantizedMultiplier((sum - offset) | 0, p.rescale.multiplier, p.rescale.shift);
    out[o] = clamp(scaled + p.outputZeroPoint, INT8_RANGE.min, INT8_RANGE.max);
    outer.advance();
  }
}

export function reduceMaxInt8(w: ReductionWalks, x: Int8Array, out: Int8Array): void {
  const { outer, inner, outputs, count } = w;
  outer.reset();
  for (let o = 0; o < outputs; o++) {
    inner.reset();
    let best = INT8_RANGE.min;
    for (let i = 0; i < count; i++) {
      const value = x[outer.offset + inner.offset];
      if (value > best) best = value;
      inner.advance();
    }
    out[o] = best;
    outer.advance();
  }
}

/** The reduced axes of a MEAN or REDUCE_MAX, each checked and made non-negative. */
export function reducedAxes(op: OpOf<'MEAN' | 'REDUCE_MAX'>, ctx: KernelContext): number[] {
  const rank = ctx.shape(op.inputs[0]).length;
  return Array.from(ctx.ints(op.inputs[1], 'axes'), (axis) => {
    if (axis < -rank || axis >= rank)
      ctx.fail(`axis ${axis} is outside rank ${rank}`, 'Use axes of the input');
    return axis < 0 ? axis + rank : axis;
  });
}

/** MEAN's quantization parameters for a reduction over `count` values. */
export function meanInt8Params(
  op: OpOf<'MEAN' | 'REDUCE_MAX'>,
  ctx: KernelContext,
  count: number,
): MeanInt8Params {
  const inputQuant = quantOf(ctx, op.inputs[0], 'input');
  const outputQuant = quantOf(ctx, op.outputs[0], 'output');
  return {
    inputZeroPoint: inputQuant.zeroPoint,
    outputZeroPoint: outputQuant.zeroPoint,
    rescale: derive(ctx, () => meanMultiplier(inputQuant.scale, outputQuant.scale, count)),
  };
}

export function reduceInt8Kernel(op: OpOf<'MEAN' | 'REDUCE_MAX'>, ctx: KernelContext): Kernel {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const out = int8(ctx, output, 'output');
  const walks = reductionWalks(ctx.shape(input), reducedAxes(op, ctx));
  if (op.type === 'REDUCE_MAX') {
    requireSameQuantization(ctx, input, output, 'int8 REDUCE_MAX does not rescale');
    return () => reduceMaxInt8(walks, x, out);
  }
  const params = meanInt8Params(op, ctx, walks.count);
  return () => meanInt8(walks, params, x, out);
}
