import type { DType } from '../types.js';

const DTYPE_BYTES: Record<DType, number> = { float32: 4, int32: 4, int16: 2, int8: 1, uint8: 1 };

export function dtypeBytes(dtype: DType): number {
  return DTYPE_BYTES[dtype];
}

export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

export function tensorBytes(dtype: DType, shape: readonly number[]): number {
  return elementCount(shape) * DTYPE_BYTES[dtype];
}

/** The smallest multiple of `alignment` that is >= `bytes`. */
export function alignUp(bytes: number, alignment: number): number {
  return Math.ceil(bytes / alignment) * alignment;
}
