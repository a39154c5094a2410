/**
 * Feature scaling with scikit-learn's semantics (StandardScaler, MinMaxScaler with range [0, 1],
 * RobustScaler), fitted on the training split only, statistics accumulated in float64.
 *
 * A "column" is what one statistic covers: per 'feature' it is one (step, channel) position
 * over all samples (scikit-learn on a wide table); per 'channel' it is one channel over all
 * steps of all samples. Transforms return new arrays and never change their input.
 */
import { EdgeforgeError } from '../errors.js';
import type { FittedScaler, ScaleMethod, ScalePer, WindowSet } from './types.js';

const EPSILON = 2 ** -52;

/** Fits `method` on the samples at `indices` (all samples when undefined): pass the train split. */
export function fitScaler(
  data: WindowSet,
  indices: Int32Array | undefined,
  method: ScaleMethod,
  per: ScalePer,
): FittedScaler {
  const rows = indices ?? Int32Array.from({ length: data.count }, (_, i) => i);
  const width = columnCount(data.steps, data.channels, per);
  if (rows.length === 0) {
    throw new EdgeforgeError('cannot fit the scaler: the training split has no samples', {
      fix: 'Give the train split a larger fraction or add data',
    });
  }
  for (const row of rows) {
    if (!Number.isInteger(row) || row < 0 || row >= data.count) {
      throw new EdgeforgeError(`scaler fit index ${row} is outside the ${data.count} samples`, {
        fix: 'Pass the train indices of a split of this same WindowSet',
      });
    }
  }
  checkFinite(data, rows);
  const { center, scale } = statistics(data, rows, width, method);
  return {
    method,
    per,
    steps: data.steps,
    channels: data.channels,
    center: Array.from(center),
    scale: Array.from(scale),
  };
}

/** (x - center) / scale for every value; `x` is laid out as WindowSet.x. Returns a new array. */
export function applyScaler(scaler: FittedScaler, x: Float32Array): Float32Array {
  return mapColumns(scaler, x, false);
}

/** Undoes applyScaler: x * scale + center. Returns a new array. */
export function inverseScaler(scaler: FittedScaler, x: Float32Array): Float32Array {
  return mapColumns(scaler, x, true);
}

function columnCount(steps: number, channels: number, per: ScalePer): number {
  switch (per) {
    case 'feature':
      return steps * channels;
    case 'channel':
      return channels;
    default:
      throw new EdgeforgeError(`unknown scaling granularity '${String(per)}'`, {
        place: 'field per',
        fix: 'Use feature or channel',
      });
  }
}

interface Statistics {
  center: Float64Array;
  scale: Float64Array;
}

function statistics(data: WindowSet, rows: Int32Array, width: number, method: ScaleMethod): Statistics {
  switch (method) {
    case 'standard':
      return standard(data, rows, width);
    case 'minmax':
      return minMax(data, rows, width);
    case 'robust':
      return robust(data, rows, width);
    case 'none':
      return { center: new Float64Array(width), scale: new Float64Array(width).fill(1) };
    default:
      throw new EdgeforgeError(`unknown scaling method '${String(method)}'`, {
        place: 'field method',
        fix: 'Use standard, minmax, robust or none',
      });
  }
}

/** Mean and population std; near-constant columns (scikit-learn's variance bound) get scale 1. */
function standard(data: WindowSet, rows: Int32Array, width: number): Statistics {
  const size = data.steps * data.channels;
  const x = data.x;
  const n = (rows.length * size) / width;
  const mean = new Float64Array(width);
  for (const row of rows) {
    for (let p = 0, column = 0, k = row * size; p < size; p++, k++) {
      mean[column] += x[k];
      column = column + 1 === width ? 0 : column + 1;
    }
  }
  for (let c = 0; c < width; c++) mean[c] /= n;
  // Two-pass variance with the rounding-error correction term, as scikit-learn computes it.
  const sumDiff = new Float64Array(width);
  const sumSquares = new Float64Array(width);
  for (const row of rows) {
    for (let p = 0, column = 0, k = row * size; p < size; p++, k++) {
      const diff = x[k] - mean[column];
      sumDiff[column] += diff;
      sumSquares[column] += diff * diff;
      column = column + 1 === width ? 0 : column + 1;
    }
  }
  const scale = new Float64Array(width);
  for (let c = 0; c < width; c++) {
    const variance = (sumSquares[c] - (sumDiff[c] * sumDiff[c]) / n) / n;
    const constant = variance <= n * EPSILON * variance + (n * mean[c] * EPSILON) ** 2;
    scale[c] = constant ? 1 : Math.sqrt(variance);
  }
  return { center: mean, scale };
}

/** center = min, scale = max - min, so values land in [0, 1]; a zero range gets scale 1. */
function minMax(data: WindowSet, rows: Int32Array, width: number): Statistics {
  const size = data.steps * data.channels;
  const x = data.x;
  const low = new Float64Array(width).fill(Infinity);
  const high = new Float64Array(width).fill(-Infinity);
  for (const row of rows) {
    for (let p = 0, column = 0, k = row * size; p < size; p++, k++) {
      if (x[k] < low[column]) low[column] = x[k];
      if (x[k] > high[column]) high[column] = x[k];
      column = column + 1 === width ? 0 : column + 1;
    }
  }
  return { center: low, scale: high.map((max, c) => nonZero(max - low[c])) };
}

/** center = median, scale = q75 - q25 (numpy's linear percentiles); a zero IQR gets scale 1. */
function robust(data: WindowSet, rows: Int32Array, width: number): Statistics {
  const size = data.steps * data.channels;
  const values = new Float64Array((rows.length * size) / width);
  const center = new Float64Array(width);
  const scale = new Float64Array(width);
  for (let column = 0; column < width; column++) {
    let k = 0;
    for (const row of rows) {
      for (let p = row * size + column, end = (row + 1) * size; p < end; p += width) values[k++] = data.x[p];
    }
    const [q25, median, q75] = quartiles(values);
    center[column] = median;
    scale[column] = nonZero(q75 - q25);
  }
  return { center, scale };
}

/**
 * numpy's default ('linear') 25th, 50th and 75th percentiles, reordering `values`. Selection
 * instead of a full sort: each quantile only needs the order statistics at floor(h) and the one after.
 */
function quartiles(values: Float64Array): number[] {
  let from = 0;
  return [0.25, 0.5, 0.75].map((q) => {
    const h = (values.length - 1) * q;
    const lo = Math.floor(h);
    select(values, from, lo);
    from = lo;
    const below = values[lo];
    const t = h - lo;
    if (t === 0) return below;
    // After selection everything right of lo is >= values[lo]; the next order statistic is their minimum.
    let above = Infinity;
    for (let i = lo + 1; i < values.length; i++) if (values[i] < above) above = values[i];
    // numpy interpolates from the nearer end, which rounds differently from a + (b - a) * t.
    const diff = above - below;
    return t >= 0.5 ? above - diff * (1 - t) : below + diff * t;
  });
}

/**
 * Hoare's selection: reorders values[from..] so that values[k] holds the value it would hold
 * if that range were sorted, with nothing larger before it and nothing smaller after it.
 */
function select(values: Float64Array, from: number, k: number): void {
  let left = from;
  let right = values.length - 1;
  while (right > left) {
    const pivot = medianOfThree(values[left], values[(left + right) >>> 1], values[right]);
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return; // values[j + 1 .. i - 1] all equal the pivot, and k is among them.
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** scikit-learn's guard against dividing by (near) zero: scales below 10 eps become 1. */
function nonZero(scale: number): number {
  return scale < 10 * EPSILON ? 1 : scale;
}

/** Statistics of non-finite values are meaningless (and NaN slips past min/max comparisons). */
function checkFinite(data: WindowSet, rows: Int32Array): void {
  const size = data.steps * data.channels;
  for (const row of rows) {
    for (let p = 0; p < size; p++) {
      const value = data.x[row * size + p];
      if (Number.isFinite(value)) continue;
      const channel = p % data.channels;
      throw new EdgeforgeError(`the training data holds ${value}, which cannot be scaled`, {
        place: `sample ${row}, step ${Math.floor(p / data.channels)}, channel '${data.channelNames[channel] ?? channel}'`,
        fix: 'Clean the data (drop, fill or interpolate missing and infinite values) before scaling',
      });
    }
  }
}

/** One loop for both directions, so the forward transform stays exactly (x - center) / scale. */
function mapColumns(scaler: FittedScaler, x: Float32Array, inverse: boolean): Float32Array {
  const size = scaler.steps * scaler.channels;
  const width = scaler.center.length;
  if (width !== columnCount(scaler.steps, scaler.channels, scaler.per) || scaler.scale.length !== width) {
    throw new EdgeforgeError(
      `the scaler holds ${width} centers and ${scaler.scale.length} scales, but per ${scaler.per} over [${scaler.steps}, ${scaler.channels}] needs ${columnCount(scaler.steps, scaler.channels, scaler.per)}`,
      { fix: 'Refit the scaler on this data, or load the scaler saved with the model' },
    );
  }
  if (x.length % size !== 0) {
    throw new EdgeforgeError(
      `cannot scale ${x.length} values: the scaler was fitted on samples of ${scaler.steps} steps x ${scaler.channels} channels`,
      { fix: 'Window the data with the same length and channels as at training time' },
    );
  }
  const center = Float64Array.from(scaler.center);
  const scale = Float64Array.from(scaler.scale);
  const out = new Float32Array(x.length);
  let column = 0;
  for (let k = 0; k < x.length; k++) {
    out[k] = inverse ? x[k] * scale[column] + center[column] : (x[k] - center[column]) / scale[column];
    column = column + 1 === width ? 0 : column + 1;
  }
  return out;
}
