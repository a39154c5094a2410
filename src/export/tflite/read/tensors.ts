/**
 * TFLite tensors -> deploy-graph tensors: element type, shape, constant data copied out of
 * its buffer (little-endian), quantization (per tensor, or per channel along
 * quantized_dimension) and the variable flag. Structural faults throw; types and features
 * edgeforge cannot run are recorded as unsupported.
 */
import { DTYPE_BYTES } from '../../../graph/dtypes.js';
import { elementCount, formatShape } from '../../../graph/shapes.js';
import type { DType, Quantization, TensorDef } from '../../../graph/types.js';
import type { FlatBuffer } from '../schema/flat-buffer.js';
import { TensorType, tensorTypeName } from '../schema/enums.js';
import type { TfliteQuantization, TfliteTensor } from '../schema/model.js';
import { fromLittleEndian } from './little-endian.js';
import type { UnsupportedFeatures } from './unsupported.js';

const DTYPE_OF_TYPE: ReadonlyMap<number, DType> = new Map<number, DType>([
  [TensorType.FLOAT32, 'float32'],
  [TensorType.INT8, 'int8'],
  [TensorType.INT16, 'int16'],
  [TensorType.INT32, 'int32'],
  [TensorType.UINT8, 'uint8'],
]);

/** Integer tensors carry scales (int32: quantized biases); a float tensor's are meaningless. */
const SCALED: readonly DType[] = ['int8', 'int16', 'int32', 'uint8'];

export function tensorPlace(index: number, tensor: TfliteTensor): string {
  return `tensor ${index} '${tensor.name}'`;
}

/** The deploy-graph tensor, or undefined when it uses something unsupported (recorded). */
export function mapTensor(
  file: FlatBuffer,
  buffers: readonly Uint8Array[],
  tensor: TfliteTensor,
  index: number,
  unsupported: UnsupportedFeatures,
): TensorDef | undefined {
  const place = `model.subgraphs[0].tensors[${index}]`;
  const described = tensorPlace(index, tensor);
  const dtype = DTYPE_OF_TYPE.get(tensor.type);
  let supported = true;
  const reject = (problem: string) => {
    unsupported.add(`${described} ${problem}`);
    supported = false;
  };
  if (dtype === undefined) reject(`is ${tensorTypeName(tensor.type)}`);
  if (tensor.sparse) reject('is sparse');
  if (tensor.shape.some((size) => size < 0)) reject(`has unknown dimensions ${formatShape(tensor.shape)}`);
  if (tensor.quantization?.custom === true) reject('uses custom quantization');
  if (!supported || dtype === undefined) return undefined;
  if (tensor.buffer >= buffers.length) {
    file.fail(`${place}.buffer`, `buffer ${tensor.buffer} does not exist (the model has ${buffers.length})`);
  }
  const def: TensorDef = { name: tensor.name || `tensor ${index}`, shape: [...tensor.shape], dtype };
  const bytes = buffers[tensor.buffer]!;
  // Variable tensors start from zero in TensorFlow Lite whatever their buffer holds.
  if (tensor.isVariable) def.variable = true;
  else if (bytes.length > 0) def.data = constantData(file, bytes, def, place);
  if (tensor.quantization !== undefined && SCALED.includes(dtype)) {
    const quantization = mapQuantization(file, tensor.quantization, def.shape, `${place}.quantization`);
    if (quantization !== undefined) def.quantization = quantization;
  }
  return def;
}

function constantData(file: FlatBuffer, bytes: Uint8Array, def: TensorDef, place: string) {
  const expected = elementCount(def.shape) * DTYPE_BYTES[def.dtype];
  if (bytes.length !== expected) {
    file.fail(
      `${place}.buffer`,
      `the buffer holds ${bytes.length} bytes, shape ${formatShape(def.shape)} of ${def.dtype} needs ${expected}`,
    );
  }
  file.charge(bytes.length, place);
  return fromLittleEndian(bytes, def.dtype);
}

/**
 * Per-tensor (one scale) or per-channel quantization; undefined when the table holds no
 * scales or only zeros (converters write scale 0 for "not quantized").
 */
function mapQuantization(
  file: FlatBuffer,
  quantization: TfliteQuantization,
  shape: readonly number[],
  place: string,
): Quantization | undefined {
  const { scale, quantizedDimension } = quantization;
  if (scale.every((value) => value === 0)) return undefined;
  const zeroPoint = quantization.zeroPoint.length === 0 ? scale.map(() => 0) : quantization.zeroPoint;
  if (zeroPoint.length !== scale.length) {
    file.fail(place, `${scale.length} scales but ${zeroPoint.length} zero points`);
  }
  if (scale.length === 1) return { scale: [...scale], zeroPoint: [...zeroPoint] };
  if (shape[quantizedDimension] !== scale.length) {
    file.fail(
      place,
      `${scale.length} scales along quantized_dimension ${quantizedDimension} of shape ${formatShape(shape)}`,
    );
  }
  return { scale: [...scale], zeroPoint: [...zeroPoint], axis: quantizedDimension };
}
