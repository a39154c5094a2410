/**
 * ONNX's recurrent ops take each weight kind as one tensor with the gates stacked along an
 * axis, where TFLite keeps a tensor per gate. Stacking per-tensor-quantized gates gives a
 * per-axis quantization along the stacked axis: each gate's rows keep their own scale.
 */
import type { TensorData, TensorDef } from '../../../graph/types.js';
import { elementCount } from '../../../graph/shapes.js';

/** A zeroed array of `like`'s element type. */
function emptyLike(like: TensorData, length: number): TensorData {
  const ArrayType = like.constructor as new (length: number) => TensorData;
  return new ArrayType(length);
}

/**
 * `parts` (constants of one dtype) laid end to end, then `zeroRows` rows of zeros (ONNX's
 * recurrent biases where the graph has none), as a tensor of `shape` whose `axis` is the
 * stacked one.
 */
export function stackConstants(
  name: string,
  parts: readonly (TensorDef & { data: TensorData })[],
  shape: number[],
  axis: number,
  zeroRows = 0,
): TensorDef & { data: TensorData } {
  const dtype = parts[0]!.dtype;
  const rowLength = elementCount(shape.slice(axis + 1));
  const data = emptyLike(parts[0]!.data, elementCount(shape));
  const scale: number[] = [];
  const zeroPoint: number[] = [];
  let offset = 0;
  for (const part of parts) {
    data.set(part.data, offset);
    offset += part.data.length;
    const rows = part.data.length / rowLength;
    const quantization = part.quantization;
    for (let row = 0; row < rows; row++) {
      // A per-tensor part repeats its scale; a part quantized per row keeps each row's.
      const entry = quantization?.scale.length === rows ? row : 0;
      scale.push(quantization?.scale[entry] ?? 1);
      zeroPoint.push(quantization?.zeroPoint[entry] ?? 0);
    }
  }
  for (let row = 0; row < zeroRows; row++) {
    scale.push(1);
    zeroPoint.push(0);
  }
  const quantized = parts[0]!.quantization !== undefined;
  return { name, dtype, shape, data, ...(quantized && { quantization: { scale, zeroPoint, axis } }) };
}
