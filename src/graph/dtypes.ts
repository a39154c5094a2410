/** The tensor element types: their typed arrays and sizes. */
import type { DType, TensorData } from './types.js';

export const TYPED_ARRAY_OF: Record<DType, new (length: number) => TensorData> = {
  float32: Float32Array,
  float16: Uint16Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
};

export const DTYPE_BYTES: Record<DType, number> = {
  float32: 4,
  float16: 2,
  int8: 1,
  int16: 2,
  int32: 4,
  uint8: 1,
};

/** int8/int16/uint8 tensors hold quantized values and need scales. */
export const QUANTIZED_DTYPES: readonly DType[] = ['int8', 'int16', 'uint8'];
