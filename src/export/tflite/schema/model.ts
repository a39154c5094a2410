/**
 * Accessors for the TFLite schema's model tables (schema.fbs, file identifier "TFL3"):
 * Model, OperatorCode, SubGraph, Tensor, QuantizationParameters, Buffer, Operator, Metadata
 * and SignatureDef, decoded into plain records. Field ids are the fields' declaration order
 * in the schema (a union takes two ids: its type byte, then its table). Buffers stay views
 * into the file and builtin options stay tables, read per operator by ./options.ts.
 */
import type { FlatBuffer, FlatTable } from './flat-buffer.js';

export interface TfliteModel {
  version: number;
  operatorCodes: TfliteOperatorCode[];
  subgraphs: TfliteSubGraph[];
  description: string | undefined;
  /** Constant data by buffer index; index 0 is the empty sentinel. */
  buffers: Uint8Array[];
  metadata: { name: string; buffer: number }[];
  signatures: { key: string; subgraph: number }[];
}

export interface TfliteOperatorCode {
  /** max(deprecated_builtin_code, builtin_code): the byte field serves codes below 127. */
  builtinCode: number;
  customCode: string | undefined;
  version: number;
}

export interface TfliteSubGraph {
  tensors: TfliteTensor[];
  inputs: number[];
  outputs: number[];
  operators: TfliteOperator[];
}

export interface TfliteTensor {
  name: string;
  shape: number[];
  type: number;
  buffer: number;
  quantization: TfliteQuantization | undefined;
  isVariable: boolean;
  sparse: boolean;
}

export interface TfliteQuantization {
  scale: number[];
  zeroPoint: number[];
  quantizedDimension: number;
  /** A QuantizationDetails union member (custom quantization) is present. */
  custom: boolean;
}

export interface TfliteOperator {
  opcodeIndex: number;
  inputs: number[];
  outputs: number[];
  intermediates: number[];
  optionsType: number;
  options: FlatTable | undefined;
}

/** The flatbuffer file identifier of TFLite models (bytes 4..8). */
export const TFLITE_FILE_IDENTIFIER = 'TFL3';

export function readModel(file: FlatBuffer): TfliteModel {
  const model = file.root(TFLITE_FILE_IDENTIFIER, 'model');
  return {
    version: model.uint32(0, 'version'),
    operatorCodes: model.tables(1, 'operator_codes').map(readOperatorCode),
    subgraphs: model.tables(2, 'subgraphs').map(readSubGraph),
    description: model.string(3, 'description'),
    buffers: model.tables(4, 'buffers').map((buffer) => readBuffer(file, buffer)),
    metadata: model.tables(6, 'metadata').map((entry) => ({
      name: entry.string(0, 'name') ?? '',
      buffer: entry.uint32(1, 'buffer'),
    })),
    signatures: model.tables(7, 'signature_defs').map((signature) => ({
      key: signature.string(2, 'signature_key') ?? '',
      subgraph: signature.uint32(4, 'subgraph_index'),
    })),
  };
}

function readOperatorCode(code: FlatTable): TfliteOperatorCode {
  const deprecated = code.int8(0, 'deprecated_builtin_code');
  return {
    builtinCode: Math.max(deprecated, code.int32(3, 'builtin_code')),
    customCode: code.string(1, 'custom_code'),
    version: code.int32(2, 'version', 1),
  };
}

function readSubGraph(subgraph: FlatTable): TfliteSubGraph {
  return {
    tensors: subgraph.tables(0, 'tensors').map(readTensor),
    inputs: subgraph.int32s(1, 'inputs'),
    outputs: subgraph.int32s(2, 'outputs'),
    operators: subgraph.tables(3, 'operators').map(readOperator),
  };
}

function readTensor(tensor: FlatTable): TfliteTensor {
  const quantization = tensor.table(4, 'quantization');
  return {
    shape: tensor.int32s(0, 'shape'),
    type: tensor.int8(1, 'type'),
    buffer: tensor.uint32(2, 'buffer'),
    name: tensor.string(3, 'name') ?? '',
    quantization: quantization === undefined ? undefined : readQuantization(quantization),
    isVariable: tensor.bool(5, 'is_variable'),
    sparse: tensor.has(6),
  };
}

function readQuantization(quantization: FlatTable): TfliteQuantization {
  return {
    scale: quantization.float32s(2, 'scale'),
    zeroPoint: quantization.int64s(3, 'zero_point'),
    custom: quantization.uint8(4, 'details_type') !== 0,
    quantizedDimension: quantization.int32(6, 'quantized_dimension'),
  };
}

/** Data lives in the `data` vector, or (models over 2 GB) at offset/size from the file start when offset > 1. */
function readBuffer(file: FlatBuffer, buffer: FlatTable): Uint8Array {
  const offset = buffer.uint64(1, 'offset');
  if (offset > 1) {
    const size = buffer.uint64(2, 'size');
    file.need(offset, size, `${buffer.place}.offset`, 'the buffer data');
    return file.bytes.subarray(offset, offset + size);
  }
  return buffer.bytes(0, 'data') ?? new Uint8Array(0);
}

function readOperator(operator: FlatTable): TfliteOperator {
  return {
    opcodeIndex: operator.uint32(0, 'opcode_index'),
    inputs: operator.int32s(1, 'inputs'),
    outputs: operator.int32s(2, 'outputs'),
    optionsType: operator.uint8(3, 'builtin_options_type'),
    options: operator.table(4, 'builtin_options'),
    intermediates: operator.int32s(8, 'intermediates'),
  };
}
