/**
 * TensorFlow Lite's 8-bit quantization rules for one tensor: asymmetric int8 activations from
 * a calibrated range, symmetric int8 weights (per tensor or per channel) and int32 biases.
 * Scales are stored as the float32 values TFLite keeps.
 */
import { roundHalfAwayFromZero } from '../arith/int32.js';
import { float32 } from '../params.js';

export interface ActivationParams {
  scale: number;
  zeroPoint: number;
}

/**
 * The range is widened to include 0 (so 0 is exact), scale = (max - min) / 255 and the zero
 * point round(-128 - min / scale) clamped to int8. An empty range (all zeros) gets scale 1.
 */
export function activationParams(range: { min: number; max: number }): ActivationParams {
  const min = Math.min(range.min, 0);
  const max = Math.max(range.max, 0);
  const scale = max > min ? float32((max - min) / 255) : 1;
  const zeroPoint = Math.min(127, Math.max(-128, roundHalfAwayFromZero(-128 - min / scale)));
  return { scale, zeroPoint };
}

export function quantizeValue(value: number, params: ActivationParams): number {
  const q = roundHalfAwayFromZero(value / params.scale) + params.zeroPoint;
  return Math.min(127, Math.max(-128, q));
}

/** Symmetric int8 weights: zero point 0, values -127..127, scale max|w| / 127 per channel. */
export interface SymmetricWeights {
  data: Int8Array;
  scales: number[];
}

/**
 * `axis` is the channel axis of `shape`, or undefined for one scale over the whole tensor.
 * A channel of zeros gets scale 1 (its values are 0 whatever the scale).
 */
export function symmetricWeights(
  values: Float32Array,
  shape: number[],
  axis: number | undefined,
): SymmetricWeights {
  const channels = axis === undefined ? 1 : shape[axis];
  const inner = axis === undefined ? values.length : shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number) => (axis === undefined ? 0 : Math.floor(i / inner) % channels);
  const maxAbs = new Array<number>(channels).fill(0);
  values.forEach((w, i) => {
    const c = channelOf(i);
    maxAbs[c] = Math.max(maxAbs[c], Math.abs(w));
  });
  const scales = maxAbs.map((m) => (m > 0 ? float32(m / 127) : 1));
  const data = new Int8Array(values.length);
  values.forEach((w, i) => {
    const q = roundHalfAwayFromZero(w / scales[channelOf(i)]);
    data[i] = Math.min(127, Math.max(-127, q));
  });
  return { data, scales };
}

/** int32 bias with scale input_scale x weight_scale (one per weight scale). */
export function int32Bias(
  values: Float32Array,
  inputScale: number,
  weightScales: number[],
): { data: Int32Array; scales: number[] } {
  const scales = weightScales.map((w) => float32(float32(inputScale) * float32(w)));
  const data = Int32Array.from(values, (b, i) => {
    const q = roundHalfAwayFromZero(b / scales[scales.length === 1 ? 0 : i]);
    return Math.min(2147483647, Math.max(-2147483648, q));
  });
  return { data, scales };
}
