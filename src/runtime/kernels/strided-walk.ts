/**
 * Visits the positions of an n-dimensional box in row-major order (last dimension fastest),
 * keeping the flat offset of each position under arbitrary per-dimension strides. The
 * counters are allocated once, so walking allocates nothing.
 */
export class StridedWalk {
  /** Flat offset of the current position (0 at the first). */
  offset = 0;
  private readonly counters: Int32Array;
  private readonly sizes: Int32Array;
  private readonly strides: Int32Array;

  constructor(sizes: readonly number[], strides: readonly number[]) {
    this.sizes = Int32Array.from(sizes);
    this.strides = Int32Array.from(strides);
    this.counters = new Int32Array(sizes.length);
  }

  /** How many positions the box holds. */
  get count(): number {
    let count = 1;
    for (const size of this.sizes) count *= size;
    return count;
  }

  reset(): void {
    this.counters.fill(0);
    this.offset = 0;
  }

  /** Moves to the next position, carrying into earlier dimensions. */
  advance(): void {
    const { counters, sizes, strides } = this;
    for (let d = counters.length - 1; d >= 0; d--) {
      this.offset += strides[d];
      if (++counters[d] < sizes[d]) return;
      this.offset -= strides[d] * sizes[d];
      counters[d] = 0;
    }
  }
}

/** Row-major strides of a contiguous tensor of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d];
  }
  return strides;
}
