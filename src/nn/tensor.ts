/**
 * The numeric vocabulary shared by layers and kernels. Activations are flat typed arrays,
 * batch-major: `[batch, steps, channels]` for sequences, `[batch, features]` otherwise.
 * Shapes never include the batch dimension.
 *
 * Training runs on Float32Array only (monomorphic for V8); a model built with FLOAT64
 * runs the same code on Float64Array so finite-difference gradient checks are exact.
 */
import type { Param } from './param.js';

export type FloatArray = Float32Array | Float64Array;
export type Shape = readonly number[];

/** How a model allocates its arrays; the element type follows from the choice. */
export interface Numeric<A extends FloatArray> {
  readonly dtype: 'float32' | 'float64';
  alloc(length: number): A;
  /** The first `length` values of `array`, as a view (no copy). */
  prefix(array: A, length: number): A;
}

export const FLOAT32: Numeric<Float32Array> = {
  dtype: 'float32',
  alloc: (length) => new Float32Array(length),
  prefix: (array, length) => array.subarray(0, length),
};
export const FLOAT64: Numeric<Float64Array> = {
  dtype: 'float64',
  alloc: (length) => new Float64Array(length),
  prefix: (array, length) => array.subarray(0, length),
};

/** A trainable tensor of either precision; for Float32Array it is exactly a Param. */
export type Weight<A extends FloatArray = Float32Array> = Omit<Param, 'value' | 'grad'> & {
  value: A;
  grad: A;
};

/** Non-trainable state saved with the weights (BatchNorm's moving statistics). */
export interface StateTensor<A extends FloatArray = Float32Array> {
  name: string;
  shape: number[];
  value: A;
}

export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** A weight named `<layer>/<kind>` with a zeroed gradient. */
export function createWeight<A extends FloatArray>(
  numeric: Numeric<A>,
  layerName: string,
  kind: string,
  shape: number[],
  decay: boolean,
): Weight<A> {
  const size = sizeOf(shape);
  return {
    name: `${layerName}/${kind}`,
    shape,
    value: numeric.alloc(size),
    grad: numeric.alloc(size),
    decay,
  };
}

/** A buffer that holds at least `length` values, reallocated only when it must grow. */
export function ensureLength<A extends FloatArray>(numeric: Numeric<A>, buffer: A, length: number): A {
  return buffer.length >= length ? buffer : numeric.alloc(length);
}
