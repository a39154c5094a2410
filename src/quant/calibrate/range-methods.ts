/**
 * How one tensor's observed values become the range its int8 parameters cover: the full
 * min/max, a percentile clip (outliers saturate), or the clip that minimises the mean squared
 * int8 quantization error over the observed values.
 */
import { EdgeforgeError } from '../../errors.js';
import { activationParams, quantizeValue } from '../ptq/choose-params.js';

export interface TensorRange {
  min: number;
  max: number;
}

export type CalibrationMethod = 'minmax' | 'percentile' | 'mse';

/** Values sorted ascending, so quantiles are lookups. */
export function sortedCopy(values: Float32Array): Float32Array {
  return Float32Array.from(values).sort();
}

export function minMaxRange(sorted: Float32Array): TensorRange {
  return { min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Keeps the central `percentile` percent: each tail loses (100 - percentile) / 2 percent. */
export function percentileRange(sorted: Float32Array, percentile: number): TensorRange {
  if (!(percentile > 50 && percentile <= 100)) {
    throw new EdgeforgeError(`calibration percentile ${percentile} is outside (50, 100]`, {
      place: 'option percentile',
      fix: 'Use a percentile such as 99.9',
    });
  }
  const tail = (100 - percentile) / 200;
  const last = sorted.length - 1;
  return { min: sorted[Math.floor(tail * last)], max: sorted[Math.ceil((1 - tail) * last)] };
}

/** At most this many values enter the MSE search (evenly spaced through the sorted values). */
const MSE_SAMPLE = 20000;
const MSE_CANDIDATES = 100;

/** Mean squared error of quantizing `values` to int8 with the range `range`. */
export function quantizationMse(values: Float32Array, range: TensorRange): number {
  const params = activationParams(range);
  let sum = 0;
  for (const value of values) {
    const error = value - params.scale * (quantizeValue(value, params) - params.zeroPoint);
    sum += error * error;
  }
  return sum / values.length;
}

/** The range, shrunk from min/max by a common factor, whose int8 quantization error is smallest. */
export function mseRange(sorted: Float32Array): TensorRange {
  const step = Math.max(1, Math.floor(sorted.length / MSE_SAMPLE));
  const sample = sorted.filter((_, i) => i % step === 0);
  const full = minMaxRange(sorted);
  let best = full;
  let bestError = quantizationMse(sample, full);
  for (let i = 1; i < MSE_CANDIDATES; i++) {
    const factor = 1 - i / MSE_CANDIDATES;
    const candidate = { min: full.min * factor, max: full.max * factor };
    const error = quantizationMse(sample, candidate);
    if (error < bestError) {
      best = candidate;
      bestError = error;
    }
  }
  return best;
}

export function rangeOf(values: Float32Array, method: CalibrationMethod, percentile: number): TensorRange {
  const sorted = sortedCopy(values);
  switch (method) {
    case 'minmax':
      return minMaxRange(sorted);
    case 'percentile':
      return percentileRange(sorted, percentile);
    case 'mse':
      return mseRange(sorted);
  }
}
