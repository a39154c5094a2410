import type { TensorData } from '../../graph/types.js';

/**
 * dst[dstAt + i] = src[i] for i < src.length. By hand, not TypedArray.prototype.set: V8's
 * set() allocates when the source is a small typed array (stored on the heap).
 */
export function copyValues(src: TensorData, dst: TensorData, dstAt: number): void {
  for (let i = 0; i < src.length; i++) dst[dstAt + i] = src[i];
}
