/**
 * Row-major tensor slicing: keep the listed indices along each axis (undefined keeps the
 * whole axis). Pruning a unit deletes one index along an axis of every tensor that has it.
 */
export interface ShapedValues {
  values: Float32Array;
  shape: number[];
}

export type AxisKeep = readonly number[] | undefined;

export function takeAlongAxes(tensor: ShapedValues, keeps: readonly AxisKeep[]): ShapedValues {
  const { values, shape } = tensor;
  const indices = shape.map((dim, axis) => keeps[axis] ?? Array.from({ length: dim }, (_, i) => i));
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((product, dim) => product * dim, 1));
  const out = new Float32Array(indices.reduce((product, list) => product * list.length, 1));
  let written = 0;
  const visit = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      out[written++] = values[offset];
      return;
    }
    for (const index of indices[axis]) visit(axis + 1, offset + index * strides[axis]);
  };
  visit(0, 0);
  return { values: out, shape: indices.map((list) => list.length) };
}

/** Σ|w| over every element whose coordinate along `axis` is `index`. */
export function sliceL1(tensor: ShapedValues, axis: number, index: number): number {
  const { values, shape } = tensor;
  const inner = shape.slice(axis + 1).reduce((product, dim) => product * dim, 1);
  const outer = values.length / (inner * shape[axis]);
  let sum = 0;
  for (let o = 0; o < outer; o++) {
    const start = (o * shape[axis] + index) * inner;
    for (let i = start; i < start + inner; i++) sum += Math.abs(values[i]);
  }
  return sum;
}
