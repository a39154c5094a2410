/**
 * The .efg graph file (docs/graph-format.md): a 24-byte prelude (magic, format version,
 * header length, data length, CRC-32 of everything after the prelude), the JSON header,
 * zero padding to a 16-byte boundary, then the data section holding every constant
 * little-endian, each at a 16-byte-aligned offset. No file-system access here: the
 * runtime decodes graphs in browsers too.
 */
import { EdgeforgeError } from '../errors.js';
import { crc32 } from './crc32.js';
import { DTYPE_BYTES, TYPED_ARRAY_OF } from './dtypes.js';
import { headerOf, readHeader, type DataRef } from './format-header.js';
import { elementCount } from './shapes.js';
import type { Graph, TensorData } from './types.js';
import { validateGraph } from './validate.js';

/** "\x89EFG\r\n\x1a\n": binary-safe like PNG's (line-ending or 7-bit mangling breaks it visibly). */
export const GRAPH_MAGIC = Uint8Array.of(0x89, 0x45, 0x46, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
export const GRAPH_FORMAT_VERSION = 1;
const PRELUDE_BYTES = 24;
const ALIGNMENT = 16;
const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

const align = (offset: number) => Math.ceil(offset / ALIGNMENT) * ALIGNMENT;

export function encodeGraph(graph: Graph): Uint8Array {
  const refs: (DataRef | undefined)[] = [];
  let dataBytes = 0;
  for (const tensor of graph.tensors) {
    if (tensor.data === undefined) {
      refs.push(undefined);
      continue;
    }
    const offset = align(dataBytes);
    refs.push({ offset, bytes: tensor.data.byteLength });
    dataBytes = offset + tensor.data.byteLength;
  }
  const header = new TextEncoder().encode(JSON.stringify(headerOf(graph, refs)));
  const dataStart = align(PRELUDE_BYTES + header.length);
  const file = new Uint8Array(dataStart + dataBytes);
  const view = new DataView(file.buffer);
  file.set(GRAPH_MAGIC, 0);
  view.setUint32(8, GRAPH_FORMAT_VERSION, true);
  view.setUint32(12, header.length, true);
  view.setUint32(16, dataBytes, true);
  file.set(header, PRELUDE_BYTES);
  graph.tensors.forEach((tensor, index) => {
    const ref = refs[index];
    if (tensor.data === undefined || ref === undefined) return;
    const at = dataStart + ref.offset;
    file.set(bytesOf(tensor.data), at);
    if (!HOST_LITTLE_ENDIAN)
      reverseElements(file.subarray(at, at + ref.bytes), tensor.data.BYTES_PER_ELEMENT);
  });
  view.setUint32(20, crc32(file.subarray(PRELUDE_BYTES)), true);
  return file;
}

/** Reads and validates a graph file; `source` (its path) names it in errors. */
export function decodeGraph(bytes: Uint8Array, source?: string): Graph {
  const fail = (problem: string, fix: string, place?: string): never => {
    throw new EdgeforgeError(problem, { file: source, place, fix });
  };
  const damaged = 'The file is damaged: re-create it (edgeforge train writes model.efg)';
  if (bytes.length < PRELUDE_BYTES || !GRAPH_MAGIC.every((byte, i) => bytes[i] === byte)) {
    fail(
      'is not an edgeforge graph file (.efg): it does not start with the graph magic bytes',
      'Pass a model.efg or a model.json',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version < 1 || version > GRAPH_FORMAT_VERSION) {
    fail(
      `graph format version ${version} is not supported (this edgeforge reads version ${GRAPH_FORMAT_VERSION})`,
      'Use the edgeforge version that wrote the file, or re-create it',
    );
  }
  const headerBytes = view.getUint32(12, true);
  const dataBytes = view.getUint32(16, true);
  const dataStart = align(PRELUDE_BYTES + headerBytes);
  if (dataStart + dataBytes !== bytes.length) {
    fail(
      `is truncated or has extra bytes: its prelude describes ${dataStart + dataBytes} bytes, the file has ${bytes.length}`,
      damaged,
    );
  }
  if (crc32(bytes.subarray(PRELUDE_BYTES)) !== view.getUint32(20, true)) {
    fail('checksum mismatch: the file is corrupt', damaged);
  }
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        bytes.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headerBytes),
      ),
    );
  } catch {
    fail('the header is not valid UTF-8 JSON', damaged, 'header');
  }
  const { graph, refs } = readHeader(json, source);
  const data = bytes.subarray(dataStart);
  graph.tensors.forEach((tensor, index) => {
    const ref = refs[index];
    if (ref === undefined) return;
    const width = DTYPE_BYTES[tensor.dtype];
    const count = elementCount(tensor.shape);
    if (ref.bytes !== count * width || ref.offset % width !== 0 || ref.offset + ref.bytes > dataBytes) {
      fail(
        `constant data (offset ${ref.offset}, ${ref.bytes} bytes) does not fit the data section (${dataBytes} bytes) or the tensor's ${count} ${tensor.dtype} values`,
        damaged,
        `header field tensors[${index}].data`,
      );
    }
    tensor.data = constantFrom(data.subarray(ref.offset, ref.offset + ref.bytes), tensor.dtype, count);
  });
  validateGraph(graph, source);
  return graph;
}

function constantFrom(bytes: Uint8Array, dtype: keyof typeof TYPED_ARRAY_OF, count: number): TensorData {
  const values = new TYPED_ARRAY_OF[dtype](count);
  const target = bytesOf(values);
  target.set(bytes);
  if (!HOST_LITTLE_ENDIAN) reverseElements(target, values.BYTES_PER_ELEMENT);
  return values;
}

function bytesOf(data: TensorData): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Byte-swaps each `width`-byte element in place (big-endian hosts only). */
function reverseElements(bytes: Uint8Array, width: number): void {
  if (width === 1) return;
  for (let at = 0; at < bytes.length; at += width) bytes.subarray(at, at + width).reverse();
}
