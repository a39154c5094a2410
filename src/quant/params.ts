/**
 * Quantized parameters from tensor scales and zero points, derived exactly as TensorFlow Lite
 * Micro's Prepare functions derive them (quantization_util, kernel_util and each kernel's
 * *_common.cc): real multipliers become an int32 multiplier and a power-of-two shift, fused
 * activations become clamping ranges. TFLite holds scales as float32, so every scale passes
 * through float32 first; where TFLite multiplies or divides scales in float32 rather than in
 * double, so do we, since the rounding of the multiplier depends on it.
 */
import { EdgeforgeError } from '../errors.js';
import type { FusedActivation } from '../graph/types.js';
import { tanhInt16Scaling, type TanhInt16Scaling } from './arith/int16-activations.js';
import { logisticInt8, tanhInt8, type SigmoidInt8Params } from './arith/int8-activations.js';
import { clamp, multiplyByQuantizedMultiplier, roundHalfAwayFromZero } from './arith/int32.js';
import { softmaxExp, type SoftmaxInt8Params } from './arith/softmax.js';

/** real ≈ multiplier · 2^(shift - 31) with multiplier in [2^30, 2^31) (or 0). */
export interface QuantizedMultiplier {
  multiplier: number;
  shift: number;
}

export interface QuantizedRange {
  min: number;
  max: number;
}

export const INT8_RANGE: QuantizedRange = { min: -128, max: 127 };
export const INT16_RANGE: QuantizedRange = { min: -32768, max: 32767 };

/** A scale as TFLite stores it. */
export const float32 = Math.fround;

const frexpView = new DataView(new ArrayBuffer(8));

/** C's frexp: x = fraction · 2^exponent with |fraction| in [0.5, 1); exact. */
export function frexp(x: number): { fraction: number; exponent: number } {
  if (x === 0 || !Number.isFinite(x)) return { fraction: x, exponent: 0 };
  frexpView.setFloat64(0, x);
  const biased = (frexpView.getUint16(0) >> 4) & 0x7ff;
  if (biased === 0) {
    // Subnormal: scale into the normal range first.
    const normal = frexp(x * 2 ** 64);
    return { fraction: normal.fraction, exponent: normal.exponent - 64 };
  }
  // Setting the exponent field to 1022 (2^-1) leaves the fraction in [0.5, 1).
  frexpView.setUint16(0, (frexpView.getUint16(0) & 0x800f) | (1022 << 4));
  return { fraction: frexpView.getFloat64(0), exponent: biased - 1022 };
}

/** TFLite QuantizeMultiplier. */
export function quantizeMultiplier(real: number): QuantizedMultiplier {
  if (real === 0) return { multiplier: 0, shift: 0 };
  const { fraction, exponent } = frexp(real);
  let fixed = roundHalfAwayFromZero(fraction * 2 ** 31);
  let shift = exponent;
  if (fixed === 2 ** 31) {
    fixed /= 2;
    shift++;
  }
  // Multipliers below 2^-31 flush to zero.
  if (shift < -31) return { multiplier: 0, shift: 0 };
  return { multiplier: fixed, shift };
}

/** TFLite QuantizeMultiplierSmallerThanOneExp: only for 0 < real < 1. */
export function quantizeMultiplierSmallerThanOne(real: number, what: string): QuantizedMultiplier {
  if (!(real > 0 && real < 1)) {
    throw new EdgeforgeError(`${what} is ${real}, outside (0, 1)`, {
      fix: 'Give the tensors scales whose ratio TFLite can represent (check for a tiny or zero scale)',
    });
  }
  return quantizeMultiplier(real);
}

/** TFLite QuantizeMultiplierGreaterThanOne: only for real > 1. */
export function quantizeMultiplierGreaterThanOne(real: number, what: string): QuantizedMultiplier {
  if (!(real > 1)) {
    throw new EdgeforgeError(`${what} is ${real}, not above 1`, {
      fix: 'Check the input scale: it is too small for this operator',
    });
  }
  return quantizeMultiplier(real);
}

/** The multiplier taking values of scale `from` to scale `to` (requantization, RELU, MEAN). */
export function rescaleMultiplier(from: number, to: number): QuantizedMultiplier {
  return quantizeMultiplier(float32(from) / float32(to));
}

/**
 * FULLY_CONNECTED with per-tensor weights: TFLite multiplies the input and filter scales in
 * float32 before dividing by the output scale in double.
 */
export function fullyConnectedMultiplier(
  inputScale: number,
  filterScale: number,
  outputScale: number,
): QuantizedMultiplier {
  return quantizeMultiplier(float32(float32(inputScale) * float32(filterScale)) / float32(outputScale));
}

/**
 * Per output channel (per-channel FULLY_CONNECTED, every CONV_2D / DEPTHWISE_CONV_2D, a single
 * filter scale broadcast): input scale · filter scale / output scale, all in double.
 */
export function perChannelMultipliers(
  inputScale: number,
  filterScales: readonly number[],
  outputScale: number,
  channels: number,
): { multipliers: Int32Array; shifts: Int32Array } {
  const multipliers = new Int32Array(channels);
  const shifts = new Int32Array(channels);
  for (let c = 0; c < channels; c++) {
    const filterScale = float32(filterScales.length === 1 ? filterScales[0] : filterScales[c]);
    const { multiplier, shift } = quantizeMultiplier(
      (float32(inputScale) * filterScale) / float32(outputScale),
    );
    multipliers[c] = multiplier;
    shifts[c] = shift;
  }
  return { multipliers, shifts };
}

/** TFLite CalculateActivationRangeQuantized: the fused activation as a clamp on the output's integers. */
export function activationRange(
  activation: FusedActivation,
  scale: number,
  zeroPoint: number,
  range: QuantizedRange,
): QuantizedRange {
  // TFLite quantizes the activation's bounds dividing in float32 and rounding half away from zero.
  const quantize = (value: number) => zeroPoint + roundHalfAwayFromZero(float32(value / float32(scale)));
  switch (activation) {
    case 'RELU':
      return { min: Math.max(range.min, quantize(0)), max: range.max };
    case 'RELU6':
      return { min: Math.max(range.min, quantize(0)), max: Math.min(range.max, quantize(6)) };
    case 'RELU_N1_TO_1':
      return { min: Math.max(range.min, quantize(-1)), max: Math.min(range.max, quantize(1)) };
    case 'NONE':
      return range;
    case 'TANH':
      throw new EdgeforgeError('a fused TANH has no quantized form (TFLite would silently skip it)', {
        fix: 'Run the tanh as its own TANH operator',
      });
  }
}

/** TFLite CalculateInputRadius: the largest input magnitude that does not saturate after rescaling. */
export function inputRadius(integerBits: number, leftShift: number, totalSignedBits = 31): number {
  return Math.floor((((1 << integerBits) - 1) * 2 ** (totalSignedBits - integerBits)) / 2 ** leftShift);
}

/** TFLite Micro's int8 LOGISTIC and TANH Prepare (both the same: input scale · 2^27 by frexp). */
export function sigmoidInt8Params(inputScale: number, inputZeroPoint: number): SigmoidInt8Params {
  const { fraction, exponent } = frexp(float32(inputScale) * 2 ** 27);
  if (exponent < 0) {
    throw new EdgeforgeError(`input scale ${inputScale} is too small for LOGISTIC/TANH`, {
      fix: 'Quantize the input with a scale above 2^-28',
    });
  }
  return {
    inputZeroPoint,
    // Unlike QuantizeMultiplier there is no correction when the fraction rounds up to 2^31:
    // the C cast then wraps to INT32_MIN, and so does this.
    multiplier: roundHalfAwayFromZero(fraction * 2 ** 31) | 0,
    leftShift: exponent,
    radius: inputRadius(4, exponent),
  };
}

/** TFLite PreprocessSoftmaxScaling with 5 integer bits, as TFLite Micro's int8 SOFTMAX Prepare calls it. */
export function softmaxInt8Params(beta: number, inputScale: number): SoftmaxInt8Params {
  const real = Math.min(float32(beta) * float32(inputScale) * 2 ** 26, 2 ** 31 - 1);
  const { multiplier, shift } = quantizeMultiplierGreaterThanOne(real, 'SOFTMAX beta · input scale · 2^26');
  return { multiplier, leftShift: shift, diffMin: -inputRadius(5, shift) };
}

/** int8 ADD / SUB: both inputs rescaled to a common scale with 20 bits of headroom, then to the output. */
export interface AddSubInt8Params {
  leftShift: number;
  input1: QuantizedMultiplier;
  input2: QuantizedMultiplier;
  output: QuantizedMultiplier;
}

const ADD_SUB_LEFT_SHIFT = 20;

/**
 * TFLite Micro's int8 ADD and SUB Prepare. ADD computes the ratios in double, SUB in float32
 * (so the two can differ in the last bit of a multiplier).
 */
export function addSubInt8Params(
  kind: 'ADD' | 'SUB',
  input1Scale: number,
  input2Scale: number,
  outputScale: number,
): AddSubInt8Params {
  const s1 = float32(input1Scale);
  const s2 = float32(input2Scale);
  const so = float32(outputScale);
  const inFloat = kind === 'SUB' ? float32 : (x: number) => x;
  const twiceMax = inFloat(2 * Math.max(s1, s2));
  const ratio = (what: string, real: number) => quantizeMultiplierSmallerThanOne(inFloat(real), what);
  return {
    leftShift: ADD_SUB_LEFT_SHIFT,
    input1: ratio(`${kind} input 1 rescale`, s1 / twiceMax),
    input2: ratio(`${kind} input 2 rescale`, s2 / twiceMax),
    output: ratio(`${kind} output rescale`, twiceMax / inFloat(2 ** ADD_SUB_LEFT_SHIFT * so)),
  };
}

/** int8 MUL: input scale · input scale / output scale in double. */
export function mulMultiplier(
  input1Scale: number,
  input2Scale: number,
  outputScale: number,
): QuantizedMultiplier {
  return quantizeMultiplier((float32(input1Scale) * float32(input2Scale)) / float32(outputScale));
}

/**
 * int8 MEAN (TFLite QuantizedMeanOrSum): the input-to-output rescale with 1 / count folded in,
 * the multiplier widened by ⌊log2 count⌋ bits before the (truncating) division.
 */
export function meanMultiplier(inputScale: number, outputScale: number, count: number): QuantizedMultiplier {
  const base = rescaleMultiplier(inputScale, outputScale);
  const widen = Math.min(31 - Math.clz32(count), 32, 31 + base.shift);
  // The widened multiplier needs up to 63 bits: divide exactly in BigInt (once, at preparation).
  const multiplier = Number((BigInt(base.multiplier) << BigInt(widen)) / BigInt(count));
  return { multiplier, shift: base.shift - widen };
}

/** RELU6 on int8 as TFLite Micro runs it: a clamp to the input's quantized 0 and 6 (no rescaling). */
export function relu6Int8Range(inputScale: number, inputZeroPoint: number): QuantizedRange {
  const six = roundHalfAwayFromZero(float32(6 / float32(inputScale))) + inputZeroPoint;
  return { min: inputZeroPoint, max: Math.min(Math.max(six, INT8_RANGE.min), INT8_RANGE.max) };
}

/** RELU on int8 as TFLite Micro runs it: rescale from input to output, clamp below at the output's zero point. */
export function reluInt8Params(
  inputScale: number,
  outputScale: number,
  outputZeroPoint: number,
): { rescale: QuantizedMultiplier; range: QuantizedRange } {
  return {
    rescale: rescaleMultiplier(inputScale, outputScale),
    range: { min: Math.max(INT8_RANGE.min, outputZeroPoint), max: INT8_RANGE.max },
  };
}

/** The integer LSTM's gate pre-activations are Q3.12 int16, its gate outputs Q0.15. */
const GATE_INPUT_SCALE = 2 ** -12;
const GATE_OUTPUT_SCALE = 2 ** -15;

export interface ScaleAndZeroPoint {
  scale: number;
  zeroPoint: number;
}

/** What the int8 LSTM's parameters derive from (gates in TFLite's order i, f, c, o). */
export interface LstmInt8Scales {
  input: ScaleAndZeroPoint;
  /** The output-state (hidden) tensor: int8, also the op's output quantization. */
  hidden: ScaleAndZeroPoint;
  /** The int16 cell state's scale: a power of two. */
  cellScale: number;
  inputWeightScales: readonly number[];
  recurrentWeightScales: readonly number[];
  /** 0: no clipping. */
  cellClip: number;
}

export interface LstmInt8Params {
  inputZeroPoint: number;
  hiddenZeroPoint: number;
  /** Per gate: input and recurrent products (int32) to Q3.12. */
  inputToGate: QuantizedMultiplier[];
  recurrentToGate: QuantizedMultiplier[];
  /** forget · cell and input · cell-gate to the cell scale; output · tanh(cell) to the hidden scale. */
  forgetTimesCell: QuantizedMultiplier;
  inputTimesCellGate: QuantizedMultiplier;
  outputTimesTanhCell: QuantizedMultiplier;
  /** The cell clip in cell-state units (0: none). */
  cellClip: number;
  cellTanh: TanhInt16Scaling;
}

/** TFLite Micro's UNIDIRECTIONAL_SEQUENCE_LSTM integer Prepare (CreateGateParams, CreateInterGateMulParams). */
export function lstmInt8Params(s: LstmInt8Scales): LstmInt8Params {
  const cellScale = float32(s.cellScale);
  const cellPower = Math.round(Math.log2(cellScale));
  if (Math.abs(Math.log2(cellScale) - cellPower) >= 1e-3) {
    throw new EdgeforgeError(`the LSTM cell state scale ${s.cellScale} is not a power of two`, {
      fix: 'Quantize the cell state with a power-of-two scale (TFLite uses 2^-11 for cells within ±16)',
    });
  }
  const product = (a: number, b: number, out: number) =>
    quantizeMultiplier((float32(a) * float32(b)) / float32(out));
  return {
    inputZeroPoint: s.input.zeroPoint,
    hiddenZeroPoint: s.hidden.zeroPoint,
    inputToGate: s.inputWeightScales.map((w) => fullyConnectedMultiplier(s.input.scale, w, GATE_INPUT_SCALE)),
    recurrentToGate: s.recurrentWeightScales.map((w) =>
      fullyConnectedMultiplier(s.hidden.scale, w, GATE_INPUT_SCALE),
    ),
    forgetTimesCell: product(GATE_OUTPUT_SCALE, cellScale, cellScale),
    inputTimesCellGate: product(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, cellScale),
    outputTimesTanhCell: product(GATE_OUTPUT_SCALE, GATE_OUTPUT_SCALE, s.hidden.scale),
    // C's cast to int16 truncates toward zero.
    cellClip:
      s.cellClip > 0
        ? Math.trunc(Math.min(Math.max(float32(s.cellClip) / cellScale, INT16_RANGE.min), INT16_RANGE.max))
        : 0,
    cellTanh: tanhInt16Scaling(cellPower),
  };
}

/**
 * f at every int8 value, indexed by the value's unsigned byte (q & 0xff). Elementwise int8 ops
 * whose output depends on the input value alone run as one lookup per value: the tables hold
 * the exact reference arithmetic, so results are identical.
 */
export function int8Table(f: (q: number) => number): Int8Array {
  const table = new Int8Array(256);
  for (let q = -128; q < 128; q++) table[q & 0xff] = f(q);
  return table;
}

/** TFLite's requantization of each value (QUANTIZE int8 -> int8, RELU): (q - inputZp) rescaled, plus outputZp, clamped. */
export function rescaleInt8Table(
  inputZeroPoint: number,
  rescale: QuantizedMultiplier,
  outputZeroPoint: number,
  range: QuantizedRange,
): Int8Array {
  return int8Table((q) => {
    const scaled = multiplyByQuantizedMultiplier(q - inputZeroPoint, rescale.multiplier, rescale.shift);
    return clamp(scaled + outputZeroPoint, range.min, range.max);
  });
}

/** int8 LOGISTIC or TANH of each value. */
export function sigmoidInt8Table(kind: 'LOGISTIC' | 'TANH', params: SigmoidInt8Params): Int8Array {
  const compute = kind === 'LOGISTIC' ? logisticInt8 : tanhInt8;
  return int8Table((q) => compute(q, params));
}

/** SOFTMAX's Q0.31 exponentials by distance d = 0 .. 255 below the row maximum (0 where TFLite skips the value). */
export function softmaxExpTable(params: SoftmaxInt8Params): Int32Array {
  const table = new Int32Array(256);
  for (let d = 0; d < 256; d++) table[d] = softmaxExp(-d, params);
  return table;
}
