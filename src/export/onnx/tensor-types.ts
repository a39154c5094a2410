/** How deploy-graph dtypes are stored in ONNX, and which tensors travel quantized. */
import { EdgeforgeError } from '../../errors.js';
import type { TensorDef } from '../../graph/types.js';
import { ONNX_TYPE, type OnnxElementType } from './onnx-model.js';

// Keyed by name so the table reads the same whichever dtypes the graph format lists.
const STORED_TYPES: Partial<Record<string, OnnxElementType>> = {
  float32: ONNX_TYPE.float,
  float16: ONNX_TYPE.float16,
  int8: ONNX_TYPE.int8,
  uint8: ONNX_TYPE.uint8,
  int32: ONNX_TYPE.int32,
};

/** Quantized tensors travel in their integer dtype; ONNX opset 17 quantizes to 8 bits only. */
export function isQuantized(def: TensorDef): boolean {
  return def.dtype !== 'float32' && def.dtype !== 'float16' && def.quantization !== undefined;
}

export function onnxType(def: TensorDef, place: string): OnnxElementType {
  const type = STORED_TYPES[def.dtype];
  if (type === undefined) {
    throw new EdgeforgeError(`tensor '${def.name}' is ${def.dtype}, which the ONNX writer does not store`, {
      place,
      fix: 'Export a float32 or int8 graph',
    });
  }
  return type;
}
