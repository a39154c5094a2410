/**
 * The .tflite writer: the deploy graph -> a TensorFlow Lite flatbuffer (schema version 3,
 * file identifier "TFL3") that TensorFlow Lite Micro can run, laid out as the converter
 * lays it out: buffer 0 empty, one buffer per constant tensor, one subgraph "main" with
 * the signature "serving_default", operator codes with deprecated_builtin_code =
 * min(code, 127) and builtin_code = code, each operator at the version its operand types
 * and options need, and "min_runtime_version" metadata.
 *
 * The memory the model needs is stored as metadata "edgeforge_arena_bytes": a 4-byte
 * little-endian unsigned integer, the bytes of edgeforge's memory plan at batch 1 for
 * activations and kernel scratch plus the recurrent state (TFLite Micro places both in its
 * arena; its own allocator adds per-tensor bookkeeping on top). No file-system access here:
 * see write-file.ts.
 */
import { Builder } from 'flatbuffers';
import { planMemory } from '../../../graph/plan/index.js';
import { inferShapes } from '../../../graph/shapes.js';
import type { DType, Graph, OpDef, TensorDef } from '../../../graph/types.js';
import { validateGraph } from '../../../graph/validate.js';
import { BUILTIN_CODE_OF, type BuiltinOpType } from '../builtin-ops.js';
import { TensorType } from '../schema/enums.js';
import { TFLITE_FILE_IDENTIFIER } from '../schema/model.js';
import { toLittleEndian } from './little-endian.js';
import { newestRuntime, opVersion, runtimeVersionOf } from './op-versions.js';
import { writeOptions } from './options.js';
import { prepareForTflite, refuseUnsupported } from './prepare.js';
import { alignedBytes, float32Vector, int32Vector, int64Vector, offsetVector } from './vectors.js';

export const ARENA_METADATA_NAME = 'edgeforge_arena_bytes';
const SIGNATURE_KEY = 'serving_default';
const SCHEMA_VERSION = 3;
/** deprecated_builtin_code for codes that do not fit its byte (PLACEHOLDER_FOR_GREATER_OP_CODES). */
const PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

export interface WriteTfliteOptions {
  description?: string;
  /** The graph's file, named in errors. */
  source?: string;
}

export interface WrittenTflite {
  bytes: Uint8Array;
  arenaBytes: number;
  warnings: string[];
}

const TYPE_OF_DTYPE: Readonly<Record<DType, number>> = {
  float32: TensorType.FLOAT32,
  // schema.fbs TensorType FLOAT16 (the reader's TensorType table lists only the types it reads).
  float16: 1,
  int32: TensorType.INT32,
  uint8: TensorType.UINT8,
  int16: TensorType.INT16,
  int8: TensorType.INT8,
};

type BuiltinOp = Exclude<OpDef, { type: 'GRU' }>;

export function writeTflite(graph: Graph, options: WriteTfliteOptions = {}): WrittenTflite {
  refuseUnsupported(graph, options.source);
  validateGraph(graph, options.source);
  const prepared = prepareForTflite(graph);
  const ready = prepared.graph;
  const plan = planMemory(ready, inferShapes(ready, 1, options.source));
  const arenaBytes = plan.arenaBytes + plan.variableBytes;
  const ops = ready.ops as BuiltinOp[];

  const builder = new Builder(1024);
  const buffers: number[] = [bufferTable(builder, undefined)];
  const addBuffer = (bytes: Uint8Array): number => {
    buffers.push(bufferTable(builder, bytes));
    return buffers.length - 1;
  };

  const tensors = ready.tensors.map((tensor) => tensorTable(builder, tensor, addBuffer));
  const codes = new OperatorCodes();
  const operators = ops.map((op) => {
    const code = codes.index(op.type, opVersion(ready, op));
    const shape = op.type === 'RESHAPE' ? ready.tensors[op.inputs[1]!]?.data : undefined;
    return operatorTable(builder, op, code, writeOptions(builder, op, shape && Array.from(shape)));
  });
  const subgraph = subgraphTable(builder, ready, tensors, operators);

  const metadata = [
    metadataTable(builder, 'min_runtime_version', addBuffer(runtimeText(codes.runtimeVersion()))),
    metadataTable(builder, ARENA_METADATA_NAME, addBuffer(uint32Bytes(arenaBytes))),
  ];
  const signature = signatureTable(builder, ready);
  const operatorCodes = codes.tables(builder);
  const description = builder.createString(options.description ?? 'edgeforge');

  const operatorCodesVector = offsetVector(builder, operatorCodes);
  const subgraphsVector = offsetVector(builder, [subgraph]);
  const buffersVector = offsetVector(builder, buffers);
  const metadataVector = offsetVector(builder, metadata);
  const signaturesVector = offsetVector(builder, [signature]);
  builder.startObject(8);
  builder.addFieldInt32(0, SCHEMA_VERSION, null);
  builder.addFieldOffset(1, operatorCodesVector, 0);
  builder.addFieldOffset(2, subgraphsVector, 0);
  builder.addFieldOffset(3, description, 0);
  builder.addFieldOffset(4, buffersVector, 0);
  builder.addFieldOffset(6, metadataVector, 0);
  builder.addFieldOffset(7, signaturesVector, 0);
  builder.finish(builder.endObject(), TFLITE_FILE_IDENTIFIER);
  return {
    bytes: builder.asUint8Array().slice(),
    arenaBytes,
    warnings: [...prepared.warnings, ...lostMetadata(graph)],
  };
}

/** The operator codes in first-use order, each (type, version) once. */
class OperatorCodes {
  private readonly entries: { type: BuiltinOpType; version: number }[] = [];

  index(type: BuiltinOpType, version: number): number {
    const found = this.entries.findIndex((entry) => entry.type === type && entry.version === version);
    if (found >= 0) return found;
    this.entries.push({ type, version });
    return this.entries.length - 1;
  }

  runtimeVersion(): string {
    return newestRuntime(this.entries.map((entry) => runtimeVersionOf(entry.type, entry.version)));
  }

  tables(builder: Builder): number[] {
    return this.entries.map(({ type, version }) => {
      const code = BUILTIN_CODE_OF[type];
      builder.startObject(4);
      builder.addFieldInt8(0, Math.min(code, PLACEHOLDER_FOR_GREATER_OP_CODES), null);
      builder.addFieldInt32(2, version, null);
      builder.addFieldInt32(3, code, null);
      return builder.endObject();
    });
  }
}

function bufferTable(builder: Builder, bytes: Uint8Array | undefined): number {
  const data = bytes === undefined ? 0 : alignedBytes(builder, bytes);
  builder.startObject(3);
  if (data !== 0) builder.addFieldOffset(0, data, 0);
  return builder.endObject();
}

function tensorTable(builder: Builder, tensor: TensorDef, addBuffer: (bytes: Uint8Array) => number): number {
  const buffer =
    tensor.data !== undefined && !tensor.variable ? addBuffer(toLittleEndian(tensor.data, tensor.dtype)) : 0;
  const name = builder.createString(tensor.name);
  const shape = int32Vector(builder, tensor.shape);
  const quantization =
    tensor.quantization === undefined ? 0 : quantizationTable(builder, tensor.quantization);
  builder.startObject(8);
  builder.addFieldOffset(0, shape, 0);
  builder.addFieldInt8(1, TYPE_OF_DTYPE[tensor.dtype], null);
  builder.addFieldInt32(2, buffer, null);
  builder.addFieldOffset(3, name, 0);
  if (quantization !== 0) builder.addFieldOffset(4, quantization, 0);
  if (tensor.variable === true) builder.addFieldInt8(5, 1, 0);
  return builder.endObject();
}

function quantizationTable(builder: Builder, quantization: NonNullable<TensorDef['quantization']>): number {
  const scale = float32Vector(builder, quantization.scale);
  const zeroPoint = int64Vector(builder, quantization.zeroPoint);
  builder.startObject(7);
  builder.addFieldOffset(2, scale, 0);
  builder.addFieldOffset(3, zeroPoint, 0);
  builder.addFieldInt32(6, quantization.axis ?? 0, null);
  return builder.endObject();
}

function operatorTable(
  builder: Builder,
  op: BuiltinOp,
  opcodeIndex: number,
  options: { type: number; offset: number },
): number {
  const inputs = int32Vector(builder, op.inputs);
  const outputs = int32Vector(builder, op.outputs);
  const intermediates =
    op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM' && op.intermediates !== undefined
      ? int32Vector(builder, op.intermediates)
      : 0;
  builder.startObject(9);
  builder.addFieldInt32(0, opcodeIndex, null);
  builder.addFieldOffset(1, inputs, 0);
  builder.addFieldOffset(2, outputs, 0);
  builder.addFieldInt8(3, options.type, null);
  if (options.offset !== 0) builder.addFieldOffset(4, options.offset, 0);
  if (intermediates !== 0) builder.addFieldOffset(8, intermediates, 0);
  return builder.endObject();
}

function subgraphTable(builder: Builder, graph: Graph, tensors: number[], operators: number[]): number {
  const tensorsVector = offsetVector(builder, tensors);
  const inputs = int32Vector(builder, graph.inputs);
  const outputs = int32Vector(builder, graph.outputs);
  const operatorsVector = offsetVector(builder, operators);
  const name = builder.createString('main');
  builder.startObject(5);
  builder.addFieldOffset(0, tensorsVector, 0);
  builder.addFieldOffset(1, inputs, 0);
  builder.addFieldOffset(2, outputs, 0);
  builder.addFieldOffset(3, operatorsVector, 0);
  builder.addFieldOffset(4, name, 0);
  return builder.endObject();
}

function metadataTable(builder: Builder, key: string, buffer: number): number {
  const name = builder.createString(key);
  builder.startObject(2);
  builder.addFieldOffset(0, name, 0);
  builder.addFieldInt32(1, buffer, null);
  return builder.endObject();
}

/** serving_default: each input and output by its tensor's name. */
function signatureTable(builder: Builder, graph: Graph): number {
  const tensorMaps = (indices: readonly number[]) =>
    offsetVector(
      builder,
      indices.map((index) => {
        const name = builder.createString(graph.tensors[index]!.name);
        builder.startObject(2);
        builder.addFieldOffset(0, name, 0);
        builder.addFieldInt32(1, index, null);
        return builder.endObject();
      }),
    );
  const inputs = tensorMaps(graph.inputs);
  const outputs = tensorMaps(graph.outputs);
  const key = builder.createString(SIGNATURE_KEY);
  builder.startObject(5);
  builder.addFieldOffset(0, inputs, 0);
  builder.addFieldOffset(1, outputs, 0);
  builder.addFieldOffset(2, key, 0);
  builder.addFieldInt32(4, 0, null);
  return builder.endObject();
}

/** The converter's layout: the version text NUL-padded to 16 bytes. */
function runtimeText(version: string): Uint8Array {
  const text = new TextEncoder().encode(version);
  const bytes = new Uint8Array(Math.max(16, text.length + 1));
  bytes.set(text);
  return bytes;
}

function uint32Bytes(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}

/** What the deploy graph knows that a .tflite file does not keep. */
function lostMetadata(graph: Graph): string[] {
  const { preprocessing, classes } = graph.metadata;
  if (preprocessing === undefined && classes.length === 0) return [];
  return [
    'the .tflite file keeps no preprocessing (scaler, window) or class names: ship them with it (edgeforge model files keep them)',
  ];
}
