/**
 * TFLite's int8 LOGISTIC and TANH, one value at a time, exactly as its reference kernels
 * compute them: the input (minus its zero point) is rescaled to Q4.27, saturates beyond the
 * radius, and otherwise goes through gemmlowp's fixed-point logistic / tanh. Kernels tabulate
 * these for all 256 inputs once (identical results, one lookup per value).
 */
import { logistic, tanh } from './fixed-point.js';
import { clamp, multiplyByQuantizedMultiplier, roundingDivideByPowerOfTwo } from './int32.js';

/** The input rescaled to Q4.27, and the radius beyond which the output saturates. */
export interface SigmoidInt8Params {
  inputZeroPoint: number;
  multiplier: number;
  leftShift: number;
  radius: number;
}

const INPUT_INTEGER_BITS = 4;

/** int8 LOGISTIC: output scale 1/256, zero point -128. */
export function logisticInt8(q: number, p: SigmoidInt8Params): number {
  const input = q - p.inputZeroPoint;
  if (input <= -p.radius) return -128;
  if (input >= p.radius) return 127;
  const inQ4 = multiplyByQuantizedMultiplier(input, p.multiplier, p.leftShift);
  // Q0.31 to Q0.8 (scale 1/256), then the -128 zero point.
  return clamp(roundingDivideByPowerOfTwo(logistic(inQ4, INPUT_INTEGER_BITS), 23) - 128, -128, 127);
}

/** int8 TANH: output scale 1/128, zero point 0. */
export function tanhInt8(q: number, p: SigmoidInt8Params): number {
  const input = q - p.inputZeroPoint;
  if (input <= -p.radius) return -128;
  if (input >= p.radius) return 127;
  const inQ4 = multiplyByQuantizedMultiplier(input, p.multiplier, p.leftShift);
  // Q0.31 to Q0.7 (scale 1/128).
  return clamp(roundingDivideByPowerOfTwo(tanh(inQ4, INPUT_INTEGER_BITS), 24), -128, 127);
}
