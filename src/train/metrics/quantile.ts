/**
 * The q-quantile of values with NumPy's default ('linear') method: position q * (n - 1)
 * in sorted order, interpolated between its neighbours with NumPy's two-sided lerp so
 * results match numpy.quantile on float64 values to the last bit.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  const low = sorted[below];
  const high = sorted[above];
  const difference = high - low;
  return fraction >= 0.5 ? high - difference * (1 - fraction) : low + difference * fraction;
}
