/**
 * Fake quantization, the forward pass of quantization-aware training: values rounded onto the
 * int8 grid and mapped back to float, by exactly the rules the PTQ pass quantizes with
 * (quantizeValue for activations, symmetricWeights for weights). The backward pass is the
 * straight-through estimator: the gradient passes unchanged where a value lay inside the
 * grid's range and is zero where it saturated.
 */
import { quantizeValue, symmetricWeights, type ActivationParams } from '../ptq/choose-params.js';

/** The real values the int8 grid spans: q = -128 and q = 127 mapped back. */
export function clippingRange(params: ActivationParams): { low: number; high: number } {
  return {
    low: (-128 - params.zeroPoint) * params.scale,
    high: (127 - params.zeroPoint) * params.scale,
  };
}

/**
 * out[i] = scale·(q(values[i]) - zeroPoint) for i < length; inside[i] = 1 where values[i] lies
 * within the clipping range (bounds included), 0 where it saturates.
 */
export function fakeQuantize(
  values: Float32Array,
  length: number,
  params: ActivationParams,
  out: Float32Array,
  inside: Uint8Array,
): void {
  const { low, high } = clippingRange(params);
  for (let i = 0; i < length; i++) {
    const value = values[i];
    out[i] = (quantizeValue(value, params) - params.zeroPoint) * params.scale;
    inside[i] = value >= low && value <= high ? 1 : 0;
  }
}

/** dLoss/dValues from dLoss/d(fake-quantized values): the straight-through estimator. */
export function straightThrough(
  grad: Float32Array,
  inside: Uint8Array,
  length: number,
  out: Float32Array,
): void {
  for (let i = 0; i < length; i++) out[i] = inside[i] === 1 ? grad[i] : 0;
}

/**
 * A [rows, groups·width] weight matrix on the int8 grid: every group of `width` adjacent
 * columns shares one symmetric scale (max |w| / 127), as symmetricWeights quantizes it. One
 * column per group is per output channel; one group is per tensor. Its range is the largest
 * magnitude, so nothing saturates and the straight-through gradient is the identity.
 */
export function fakeQuantizeWeights(
  values: Float32Array,
  groups: number,
  width: number,
  out: Float32Array,
): void {
  const rows = values.length / (groups * width);
  const { data, scales } = symmetricWeights(values, [rows, groups, width], 1);
  for (let i = 0; i < values.length; i++) out[i] = data[i] * scales[Math.floor(i / width) % groups];
}
