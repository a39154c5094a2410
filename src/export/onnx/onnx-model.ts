/**
 * The part of ONNX's model format (onnx.proto) the writer emits, as plain objects, and its
 * encoding. Field numbers are those of onnx.proto: ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto,
 * OperatorSetIdProto and StringStringEntryProto.
 */
import { ProtoWriter } from './protobuf.js';

/** TensorProto.DataType values. */
export const ONNX_TYPE = {
  float: 1,
  uint8: 2,
  int8: 3,
  int16: 5,
  int32: 6,
  int64: 7,
  float16: 10,
  double: 11,
} as const;
export type OnnxElementType = (typeof ONNX_TYPE)[keyof typeof ONNX_TYPE];

export type OnnxAttribute =
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'float'; value: number }
  | { kind: 'floats'; value: number[] }
  | { kind: 'string'; value: string }
  | { kind: 'strings'; value: string[] };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, OnnxAttribute>;
}

export interface OnnxInitializer {
  name: string;
  type: OnnxElementType;
  dims: number[];
  /** Little-endian element bytes. */
  raw: Uint8Array;
}

export interface OnnxValueInfo {
  name: string;
  type: OnnxElementType;
  /** A number is a fixed size, a string a symbolic one (the batch). */
  dims: (number | string)[];
}

export interface OnnxModel {
  irVersion: number;
  opset: number;
  producerName: string;
  producerVersion: string;
  docString: string;
  graph: {
    name: string;
    nodes: OnnxNode[];
    initializers: OnnxInitializer[];
    inputs: OnnxValueInfo[];
    outputs: OnnxValueInfo[];
  };
  metadata: Record<string, string>;
}

/** AttributeProto.AttributeType values. */
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7, strings: 8 } as const;

function encodeAttribute(name: string, attribute: OnnxAttribute): ProtoWriter {
  const writer = new ProtoWriter().string(1, name).int(20, ATTRIBUTE_TYPE[attribute.kind]);
  switch (attribute.kind) {
    case 'float':
      return writer.float(2, attribute.value);
    case 'int':
      return writer.int(3, attribute.value);
    case 'string':
      return writer.string(4, attribute.value);
    case 'floats':
      for (const value of attribute.value) writer.float(7, value);
      return writer;
    case 'ints':
      return writer.packedInts(8, attribute.value);
    case 'strings':
      for (const value of attribute.value) writer.string(9, value);
      return writer;
  }
}

function encodeNode(node: OnnxNode): ProtoWriter {
  const writer = new ProtoWriter();
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  writer.string(3, node.name).string(4, node.opType);
  for (const [name, attribute] of Object.entries(node.attributes))
    writer.message(5, encodeAttribute(name, attribute));
  return writer;
}

function encodeInitializer(tensor: OnnxInitializer): ProtoWriter {
  return new ProtoWriter()
    .packedInts(1, tensor.dims)
    .int(2, tensor.type)
    .string(8, tensor.name)
    .bytes(9, tensor.raw);
}

function encodeValueInfo(value: OnnxValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const dim of value.dims) {
    const dimension =
      typeof dim === 'number' ? new ProtoWriter().int(1, dim) : new ProtoWriter().string(2, dim);
    shape.message(1, dimension);
  }
  const tensorType = new ProtoWriter().int(1, value.type).message(2, shape);
  return new ProtoWriter().string(1, value.name).message(2, new ProtoWriter().message(1, tensorType));
}

export function encodeModel(model: OnnxModel): Uint8Array {
  const graph = new ProtoWriter();
  for (const node of model.graph.nodes) graph.message(1, encodeNode(node));
  graph.string(2, model.graph.name);
  for (const tensor of model.graph.initializers) graph.message(5, encodeInitializer(tensor));
  for (const input of model.graph.inputs) graph.message(11, encodeValueInfo(input));
  for (const output of model.graph.outputs) graph.message(12, encodeValueInfo(output));

  const writer = new ProtoWriter()
    .int(1, model.irVersion)
    .string(2, model.producerName)
    .string(3, model.producerVersion)
    .string(6, model.docString)
    .message(7, graph)
    .message(8, new ProtoWriter().string(1, '').int(2, model.opset));
  for (const [key, value] of Object.entries(model.metadata))
    writer.message(14, new ProtoWriter().string(1, key).string(2, value));
  return writer.finish();
}
