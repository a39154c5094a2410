/**
 * gemmlowp's fixed-point transcendental functions on raw int32 values, as TFLite's int8
 * softmax, logistic and tanh call them. A value in Qm.(31-m) ("m integer bits") is the raw
 * integer times 2^(m - 31); results are Q0.31. Constants are the raw values of gemmlowp's
 * fixed-point literals (e.g. exp(-1/8) in Q0.31); plain additions wrap as int32, as in C.
 */
import {
  INT32_MAX,
  roundingDivideByPowerOfTwo,
  roundingHalfSum,
  saturatingRoundingDoublingHighMul as mul,
  saturatingRoundingMultiplyByPowerOfTwo,
} from './int32.js';

/** exp(-1/8), 1/3 in Q0.31. */
const EXP_MINUS_ONE_EIGHTH = 1895147668;
const ONE_THIRD = 715827883;
/** exp(-2^k) in Q0.31 for k = -2 .. 4: multiplied in for each set bit of the input's magnitude. */
const EXP_OF_MINUS_POWERS_OF_TWO: readonly [number, number][] = [
  [-2, 1672461947],
  [-1, 1302514674],
  [0, 790015084],
  [1, 290630308],
  [2, 39332535],
  [3, 720401],
  [4, 242],
];
/** 48/17 and -32/17 in Q2.29: the Newton-Raphson division's starting line. */
const FORTY_EIGHT_SEVENTEENTHS = 1515870810;
const MINUS_THIRTY_TWO_SEVENTEENTHS = -1010580540;
/** 1.0 in Q2.29. */
const ONE_Q2 = 1 << 29;
/** 0.5 in Q0.31. */
const ONE_HALF = 1 << 30;

/** Changes the integer bits of a raw value from `from` to `to`, saturating or rounding. */
export function rescale(raw: number, from: number, to: number): number {
  return saturatingRoundingMultiplyByPowerOfTwo(raw, from - to);
}

/** exp(a) for a in [-1/4, 0), a in Q0.31: a Taylor expansion around -1/8. */
function expOnIntervalNegativeQuarterToZero(a: number): number {
  const x = (a + (1 << 28)) | 0;
  const x2 = mul(x, x);
  const x3 = mul(x2, x);
  const x4 = mul(x2, x2);
  const x4Over4 = roundingDivideByPowerOfTwo(x4, 2);
  const polynomial = roundingDivideByPowerOfTwo((mul((x4Over4 + x3) | 0, ONE_THIRD) + x2) | 0, 1);
  return (EXP_MINUS_ONE_EIGHTH + mul(EXP_MINUS_ONE_EIGHTH, (x + polynomial) | 0)) | 0;
}

/** exp(a) for a <= 0 given with `integerBits` integer bits; the result is Q0.31 (exp(0) = INT32_MAX). */
export function expOnNegativeValues(a: number, integerBits: number): number {
  const fractionalBits = 31 - integerBits;
  const oneQuarter = 1 << (fractionalBits - 2);
  const aModQuarterMinusQuarter = ((a & (oneQuarter - 1)) - oneQuarter) | 0;
  let result = expOnIntervalNegativeQuarterToZero(rescale(aModQuarterMinusQuarter, integerBits, 0));
  const remainder = (aModQuarterMinusQuarter - a) | 0;
  for (const [exponent, multiplier] of EXP_OF_MINUS_POWERS_OF_TWO) {
    if (integerBits > exponent && (remainder & (1 << (fractionalBits + exponent))) !== 0) {
      result = mul(result, multiplier);
    }
  }
  // Below -32 the result underflows to zero.
  if (integerBits > 5 && a < -(1 << (36 - integerBits))) result = 0;
  return a === 0 ? INT32_MAX : result;
}

/** Newton-Raphson iterations for 1 / (1 + a), a in (0, 1) as Q0.31; the estimate is Q2.29. */
function reciprocalOfOnePlus(a: number): number {
  const halfDenominator = roundingHalfSum(a, INT32_MAX);
  let x = (FORTY_EIGHT_SEVENTEENTHS + mul(halfDenominator, MINUS_THIRTY_TWO_SEVENTEENTHS)) | 0;
  for (let i = 0; i < 3; i++) {
    const oneMinusHalfDenominatorTimesX = (ONE_Q2 - mul(halfDenominator, x)) | 0;
    x = (x + rescale(mul(x, oneMinusHalfDenominatorTimesX), 4, 2)) | 0;
  }
  return x;
}

/** 1 / (1 + a) for a in (0, 1), Q0.31 in and out. */
export function oneOverOnePlusX(a: number): number {
  // Halving the Q2.29 estimate makes it Q1.30 with the same raw value.
  return rescale(reciprocalOfOnePlus(a), 1, 0);
}

/** (1 - a) / (1 + a) for a in (0, 1), Q0.31 in and out. */
function oneMinusXOverOnePlusX(a: number): number {
  return rescale((reciprocalOfOnePlus(a) - ONE_Q2) | 0, 2, 0);
}

/** tanh(a) for a with `integerBits` integer bits; Q0.31 result. */
export function tanh(a: number, integerBits: number): number {
  if (a === 0) return 0;
  const negativeInput = a < 0 ? a : -a | 0;
  // exp(2·n) reinterprets n with one more integer bit.
  const minusTanh = oneMinusXOverOnePlusX(expOnNegativeValues(negativeInput, integerBits + 1));
  return a < 0 ? -minusTanh | 0 : minusTanh;
}

/** logistic(a) = 1 / (1 + exp(-a)) for a with `integerBits` integer bits; Q0.31 result. */
export function logistic(a: number, integerBits: number): number {
  if (a === 0) return ONE_HALF;
  const magnitude = a > 0 ? a : -a | 0;
  const ofPositive = oneOverOnePlusX(expOnNegativeValues(-magnitude | 0, integerBits));
  return a > 0 ? ofPositive : (INT32_MAX - ofPositive) | 0;
}

/**
 * TFLite GetReciprocal for a positive x with some integer bits: 1 / x is this Q0.31 scale
 * times 2^-bitsOverUnit (see reciprocalBitsOverUnit).
 */
export function reciprocalScale(x: number): number {
  const headroomPlusOne = Math.clz32(x);
  // x normalized to [1, 2) as Q0.31 minus one: (x << headroom) - 2^31 in unsigned arithmetic.
  return oneOverOnePlusX(((x << headroomPlusOne) - 0x80000000) | 0);
}

/** How many bits 1 / x lies above reciprocalScale(x), for x with `integerBits` integer bits. */
export function reciprocalBitsOverUnit(x: number, integerBits: number): number {
  return integerBits - Math.clz32(x);
}
