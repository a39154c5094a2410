/** Typed arrays -> little-endian bytes (TFLite buffers), on any host. */
import { DTYPE_BYTES } from '../../../graph/dtypes.js';
import type { DType, TensorData } from '../../../graph/types.js';

const WRITE_ELEMENT: Record<DType, (view: DataView, at: number, value: number) => void> = {
  float32: (view, at, value) => view.setFloat32(at, value, true),
  float16: (view, at, value) => view.setUint16(at, value, true),
  int32: (view, at, value) => view.setInt32(at, value, true),
  int16: (view, at, value) => view.setInt16(at, value, true),
  int8: (view, at, value) => view.setInt8(at, value),
  uint8: (view, at, value) => view.setUint8(at, value),
};

export function toLittleEndian(values: TensorData, dtype: DType): Uint8Array {
  const size = DTYPE_BYTES[dtype];
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  const write = WRITE_ELEMENT[dtype];
  for (let i = 0; i < values.length; i++) write(view, i * size, values[i]!);
  return bytes;
}
