/**
 * Linear gap filling, shared by the long layout (along a channel of a recording) and the
 * wide layout (along a row's steps). Positions are by index: rows are taken as evenly spaced.
 */

/**
 * Fill `count` positions target[offset + k * stride] that lie between two valid values:
 * `before` just ahead of the gap and `after` just behind it. A gap at an edge has only one
 * neighbour (the other undefined) and takes its value.
 */
export function fillGap(
  target: Float64Array,
  offset: number,
  stride: number,
  count: number,
  before: number | undefined,
  after: number | undefined,
): void {
  for (let k = 0; k < count; k++) {
    let value: number;
    if (before === undefined) value = after!;
    else if (after === undefined) value = before;
    else value = before + ((after - before) * (k + 1)) / (count + 1);
    target[offset + k * stride] = value;
  }
}

/**
 * Replace the NaN cells of values[0, length) by linear interpolation along the array.
 * Returns how many cells were filled, or -1 when no cell is valid (nothing to fill from).
 */
export function interpolateAlong(values: Float64Array, length: number): number {
  let filled = 0;
  let lastValid = -1;
  for (let i = 0; i <= length; i++) {
    if (i < length && Number.isNaN(values[i])) continue;
    const gap = i - lastValid - 1;
    if (gap > 0) {
      if (lastValid < 0 && i === length) return -1;
      fillGap(
        values,
        lastValid + 1,
        1,
        gap,
        lastValid >= 0 ? values[lastValid] : undefined,
        i < length ? values[i] : undefined,
      );
      filled += gap;
    }
    lastValid = i;
  }
  return filled;
}
