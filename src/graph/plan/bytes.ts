import { DTYPE_BYTES } from '../dtypes.js';
import { elementCount } from '../shapes.js';
import type { DType } from '../types.js';

export function tensorBytes(dtype: DType, shape: readonly number[]): number {
  return elementCount(shape) * DTYPE_BYTES[dtype];
}

/** The smallest multiple of `alignment` that is >= `bytes`. */
export function alignUp(bytes: number, alignment: number): number {
  return Math.ceil(bytes / alignment) * alignment;
}
