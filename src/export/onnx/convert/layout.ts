/**
 * Layout changes between the deploy graph (TFLite's NHWC activations, OHWI filters) and ONNX
 * (NCHW activations, OIHW filters): Transpose nodes around the spatial ops, which ONNX
 * Runtime's transpose optimizer cancels between consecutive ones, and constants re-laid out
 * at export.
 */
import { elementCount } from '../../../graph/shapes.js';
import type { TensorData, TensorDef } from '../../../graph/types.js';
import { attr, type OnnxBuilder } from '../onnx-builder.js';
import type { Relayout } from '../tensor-values.js';

/** The layout ONNX's Conv and pooling compute in, as TensorValues records it. */
export const CHANNELS_FIRST = 'NCHW';
export const NHWC_TO_NCHW = [0, 3, 1, 2];
export const NCHW_TO_NHWC = [0, 2, 3, 1];

export function transposeTo(builder: OnnxBuilder, perm: number[]): Relayout {
  return (value) => builder.node('Transpose', [value], `${value}/transposed`, { perm: attr.ints(perm) });
}

/** Reshape to `shape` with the batch (first) dimension left to follow from the element count. */
export function reshapeTo(builder: OnnxBuilder, shape: readonly number[]): Relayout {
  const target = builder.int64s([-1, ...shape.slice(1)]);
  return (value) => builder.node('Reshape', [value, target], `${value}/reshaped`);
}

/** Row-major strides of `shape`. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = shape.map(() => 1);
  for (let axis = shape.length - 2; axis >= 0; axis--) strides[axis] = strides[axis + 1]! * shape[axis + 1]!;
  return strides;
}

/** A constant transposed by `perm` (output axis i is input axis perm[i]), its channel axis following. */
export function permuteConstant(
  def: TensorDef & { data: TensorData },
  perm: readonly number[],
): TensorDef & { data: TensorData } {
  const shape = perm.map((axis) => def.shape[axis]!);
  const inputStrides = stridesOf(def.shape);
  const outputStrides = stridesOf(shape);
  const data = def.data.slice();
  for (let index = 0; index < elementCount(shape); index++) {
    let source = 0;
    for (let axis = 0; axis < shape.length; axis++) {
      const position = Math.floor(index / outputStrides[axis]!) % shape[axis]!;
      source += position * inputStrides[perm[axis]!]!;
    }
    data[index] = def.data[source]!;
  }
  const quantization = def.quantization && {
    ...def.quantization,
    ...(def.quantization.axis !== undefined && { axis: perm.indexOf(def.quantization.axis) }),
  };
  return { ...def, shape, data, ...(quantization && { quantization }) };
}
