/** Typed arrays from little-endian bytes (TFLite buffers, reference tensors), on any host. */
import { DTYPE_BYTES, TYPED_ARRAY_OF } from '../../../graph/dtypes.js';
import type { DType, TensorData } from '../../../graph/types.js';

const READ_ELEMENT: Record<DType, (view: DataView, at: number) => number> = {
  float32: (view, at) => view.getFloat32(at, true),
  float16: (view, at) => view.getUint16(at, true),
  int32: (view, at) => view.getInt32(at, true),
  int16: (view, at) => view.getInt16(at, true),
  int8: (view, at) => view.getInt8(at),
  uint8: (view, at) => view.getUint8(at),
};

/** A fresh typed array holding `bytes` decoded as little-endian `dtype` (a trailing partial element is ignored). */
export function fromLittleEndian(bytes: Uint8Array, dtype: DType): TensorData {
  const size = DTYPE_BYTES[dtype];
  const count = Math.floor(bytes.length / size);
  const values = new TYPED_ARRAY_OF[dtype](count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const read = READ_ELEMENT[dtype];
  for (let i = 0; i < count; i++) values[i] = read(view, i * size);
  return values;
}
