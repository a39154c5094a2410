/**
 * Builds small .tflite files for tests with the flatbuffers library's Builder, field ids
 * from the TFLite schema: models using unsupported features, old-style operator codes,
 * options edgeforge must map, and malformed references. Scalars are always written (no
 * default elision) unless left out of the description.
 */
import { Builder } from 'flatbuffers';

export const TYPE = { FLOAT32: 0, INT32: 2, INT64: 4, INT8: 9 } as const;

export interface TestTensor {
  name: string;
  shape: number[];
  type: number;
  /** Little-endian constant bytes (gets its own buffer). */
  data?: Uint8Array;
  /** Buffer index to write instead of a fresh buffer (for broken references). */
  buffer?: number;
  variable?: boolean;
  sparse?: boolean;
  quantization?: { scale: number[]; zeroPoint: number[]; axis?: number };
}

export interface TestOperatorCode {
  /** Written to builtin_code and, capped at 127, to deprecated_builtin_code. */
  builtin: number;
  version?: number;
  custom?: string;
  /** Old files: only deprecated_builtin_code. */
  deprecatedOnly?: boolean;
}

/** An options table: its BuiltinOptions member number and a writer returning its offset. */
export interface TestOptions {
  type: number;
  write: (builder: Builder) => number;
}

export interface TestOperator {
  opcode: number;
  inputs: number[];
  outputs: number[];
  options?: TestOptions;
  intermediates?: number[];
}

export interface TestModel {
  codes: TestOperatorCode[];
  tensors: TestTensor[];
  operators: TestOperator[];
  inputs: number[];
  outputs: number[];
  /** Copies of the subgraph to add after it. */
  extraSubgraphs?: number;
  /** Constant data after the flatbuffer, found by Buffer offset/size. */
  externalData?: boolean;
}

/** A table of scalar fields: [field id, kind, value]. */
export function scalarTable(
  builder: Builder,
  fields: [number, 'int8' | 'int32' | 'float32', number][],
  vectors: [number, number][] = [],
): number {
  builder.startObject(16);
  for (const [id, offset] of vectors) builder.addFieldOffset(id, offset, 0);
  for (const [id, kind, value] of fields) {
    if (kind === 'int8') builder.addFieldInt8(id, value, null);
    else if (kind === 'int32') builder.addFieldInt32(id, value, null);
    else builder.addFieldFloat32(id, value, null);
  }
  return builder.endObject();
}

/** A vector of scalars, added back to front as flatbuffers builds downwards. */
function scalarVector(
  builder: Builder,
  values: readonly number[],
  size: number,
  add: (value: number) => void,
): number {
  builder.startVector(size, values.length, size);
  for (let i = values.length - 1; i >= 0; i--) add(values[i]!);
  return builder.endVector();
}

export function int32Vector(builder: Builder, values: readonly number[]): number {
  return scalarVector(builder, values, 4, (value) => builder.addInt32(value));
}

export function offsetVector(builder: Builder, offsets: readonly number[]): number {
  return scalarVector(builder, offsets, 4, (offset) => builder.addOffset(offset));
}

function floatVector(builder: Builder, values: readonly number[]): number {
  return scalarVector(builder, values, 4, (value) => builder.addFloat32(value));
}

function int64Vector(builder: Builder, values: readonly number[]): number {
  return scalarVector(builder, values, 8, (value) => builder.addInt64(BigInt(value)));
}

/**
 * The model's bytes. With `externalData`, constants go after the flatbuffer and their Buffer
 * tables hold offset/size (TFLite's layout for models over 2 GB): encoded once to learn the
 * flatbuffer's length (64-bit fields keep it fixed), then with the real offsets.
 */
export function buildTflite(model: TestModel): Uint8Array {
  if (model.externalData !== true) return encodeModel(model, undefined);
  const start = align16(encodeModel(model, 16).length);
  const flatbuffer = encodeModel(model, start);
  const constants = model.tensors.flatMap((tensor) =>
    tensor.data === undefined || tensor.buffer !== undefined ? [] : [tensor.data],
  );
  const file = new Uint8Array(start + constants.reduce((total, data) => total + align16(data.length), 0));
  file.set(flatbuffer);
  let at = start;
  for (const data of constants) {
    file.set(data, at);
    at += align16(data.length);
  }
  return file;
}

const align16 = (size: number) => Math.ceil(size / 16) * 16;

function encodeModel(model: TestModel, externalStart: number | undefined): Uint8Array {
  const builder = new Builder(1024);
  const bufferData: Uint8Array[] = [new Uint8Array(0)];
  const bufferOf = model.tensors.map((tensor) => {
    if (tensor.buffer !== undefined) return tensor.buffer;
    if (tensor.data === undefined) return 0;
    bufferData.push(tensor.data);
    return bufferData.length - 1;
  });
  const subgraph = writeSubgraph(builder, model, bufferOf);
  const subgraphs = offsetVector(builder, new Array<number>(1 + (model.extraSubgraphs ?? 0)).fill(subgraph));
  const codes = offsetVector(
    builder,
    model.codes.map((code) => writeOperatorCode(builder, code)),
  );
  let externalAt = externalStart ?? 0;
  const buffers = offsetVector(
    builder,
    bufferData.map((data) => {
      const vector =
        data.length === 0 || externalStart !== undefined ? undefined : builder.createByteVector(data);
      builder.startObject(3);
      if (vector !== undefined) builder.addFieldOffset(0, vector, 0);
      if (externalStart !== undefined && data.length > 0) {
        builder.addFieldInt64(1, BigInt(externalAt), null);
        builder.addFieldInt64(2, BigInt(data.length), null);
        externalAt += align16(data.length);
      }
      return builder.endObject();
    }),
  );
  builder.startObject(8);
  builder.addFieldInt32(0, 3, null);
  builder.addFieldOffset(1, codes, 0);
  builder.addFieldOffset(2, subgraphs, 0);
  builder.addFieldOffset(4, buffers, 0);
  builder.finish(builder.endObject(), 'TFL3');
  return builder.asUint8Array().slice();
}

function writeOperatorCode(builder: Builder, code: TestOperatorCode): number {
  const custom = code.custom === undefined ? undefined : builder.createString(code.custom);
  builder.startObject(4);
  builder.addFieldInt8(0, Math.min(code.builtin, 127), null);
  if (custom !== undefined) builder.addFieldOffset(1, custom, 0);
  builder.addFieldInt32(2, code.version ?? 1, null);
  if (code.deprecatedOnly !== true) builder.addFieldInt32(3, code.builtin, null);
  return builder.endObject();
}

function writeSubgraph(builder: Builder, model: TestModel, bufferOf: readonly number[]): number {
  const tensors = offsetVector(
    builder,
    model.tensors.map((tensor, index) => writeTensor(builder, tensor, bufferOf[index]!)),
  );
  const operators = offsetVector(
    builder,
    model.operators.map((operator) => writeOperator(builder, operator)),
  );
  const inputs = int32Vector(builder, model.inputs);
  const outputs = int32Vector(builder, model.outputs);
  builder.startObject(5);
  builder.addFieldOffset(0, tensors, 0);
  builder.addFieldOffset(1, inputs, 0);
  builder.addFieldOffset(2, outputs, 0);
  builder.addFieldOffset(3, operators, 0);
  return builder.endObject();
}

function writeTensor(builder: Builder, tensor: TestTensor, buffer: number): number {
  const shape = int32Vector(builder, tensor.shape);
  const name = builder.createString(tensor.name);
  const quantization =
    tensor.quantization === undefined ? undefined : writeQuantization(builder, tensor.quantization);
  let sparsity: number | undefined;
  if (tensor.sparse === true) {
    builder.startObject(3);
    sparsity = builder.endObject();
  }
  builder.startObject(10);
  builder.addFieldOffset(0, shape, 0);
  builder.addFieldInt8(1, tensor.type, null);
  builder.addFieldInt32(2, buffer, null);
  builder.addFieldOffset(3, name, 0);
  if (quantization !== undefined) builder.addFieldOffset(4, quantization, 0);
  if (tensor.variable === true) builder.addFieldInt8(5, 1, null);
  if (sparsity !== undefined) builder.addFieldOffset(6, sparsity, 0);
  return builder.endObject();
}

function writeQuantization(builder: Builder, quantization: NonNullable<TestTensor['quantization']>): number {
  const scale = floatVector(builder, quantization.scale);
  const zeroPoint = int64Vector(builder, quantization.zeroPoint);
  builder.startObject(7);
  builder.addFieldOffset(2, scale, 0);
  builder.addFieldOffset(3, zeroPoint, 0);
  builder.addFieldInt32(6, quantization.axis ?? 0, null);
  return builder.endObject();
}

function writeOperator(builder: Builder, operator: TestOperator): number {
  const inputs = int32Vector(builder, operator.inputs);
  const outputs = int32Vector(builder, operator.outputs);
  const intermediates =
    operator.intermediates === undefined ? undefined : int32Vector(builder, operator.intermediates);
  const options = operator.options?.write(builder);
  builder.startObject(13);
  builder.addFieldInt32(0, operator.opcode, null);
  builder.addFieldOffset(1, inputs, 0);
  builder.addFieldOffset(2, outputs, 0);
  if (operator.options !== undefined && options !== undefined) {
    builder.addFieldInt8(3, operator.options.type, null);
    builder.addFieldOffset(4, options, 0);
  }
  if (intermediates !== undefined) builder.addFieldOffset(8, intermediates, 0);
  return builder.endObject();
}

/** Little-endian bytes of float32 or int32 values. */
export function littleEndianBytes(values: readonly number[], kind: 'float32' | 'int32'): Uint8Array {
  const bytes = new Uint8Array(4 * values.length);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) =>
    kind === 'float32' ? view.setFloat32(4 * i, value, true) : view.setInt32(4 * i, value, true),
  );
  return bytes;
}
