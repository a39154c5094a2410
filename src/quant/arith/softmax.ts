/**
 * TFLite's int8 SOFTMAX arithmetic (reference_ops::Softmax with int8 in and out): differences
 * from the row maximum, rescaled by beta · input scale into Q5.26, exponentiated in fixed point
 * and summed in Q12.19; the sum's reciprocal scales each exponential to the output's 1/256
 * steps, offset by the -128 zero point. Differences below diffMin count as exp = 0.
 */
import { expOnNegativeValues, reciprocalBitsOverUnit, reciprocalScale } from './fixed-point.js';
import {
  clamp,
  multiplyByQuantizedMultiplier,
  roundingDivideByPowerOfTwo,
  saturatingRoundingDoublingHighMul,
} from './int32.js';

/** beta · input scale into Q5.26 differences, and the smallest difference that still counts. */
export interface SoftmaxInt8Params {
  multiplier: number;
  leftShift: number;
  diffMin: number;
}

const DIFF_INTEGER_BITS = 5;
const SUM_INTEGER_BITS = 12;

/** exp(beta · scale · diff) in Q0.31 for a difference diff <= 0 from the row maximum. */
export function softmaxExp(diff: number, p: SoftmaxInt8Params): number {
  if (diff < p.diffMin) return 0;
  return expOnNegativeValues(
    multiplyByQuantizedMultiplier(diff, p.multiplier, p.leftShift),
    DIFF_INTEGER_BITS,
  );
}

/** Adds one Q0.31 exponential to a Q12.19 running sum. */
export function addToExpSum(sum: number, exp: number): number {
  return (sum + roundingDivideByPowerOfTwo(exp, SUM_INTEGER_BITS)) | 0;
}

/** The Q0.31 scale of 1 / sum (see softmaxOutputShift). */
export function reciprocalOfExpSum(sum: number): number {
  return reciprocalScale(sum);
}

/** The right shift taking reciprocalOfExpSum(sum) · exp to the output's steps of 1/256. */
export function softmaxOutputShift(sum: number): number {
  return reciprocalBitsOverUnit(sum, SUM_INTEGER_BITS) + 31 - 8;
}

/** One int8 output from its Q0.31 exponential. */
export function softmaxOutput(exp: number, reciprocal: number, shift: number): number {
  const unsaturated = roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMul(reciprocal, exp), shift);
  return clamp(unsaturated - 128, -128, 127);
}
