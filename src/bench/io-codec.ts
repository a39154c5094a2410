/**
 * A deploy graph's input and output as the bench feeds them to other runtimes: float windows
 * quantized for an int8 input (as TensorFlow Lite's QUANTIZE rounds), raw int8 outputs read
 * back as real values. Float tensors pass through.
 */
import { elementCount } from '../graph/shapes.js';
import type { Graph, TensorDef } from '../graph/types.js';
import { decodeValues, encodeValues, ioAffine } from '../runtime/io-quantization.js';

export const inputDef = (graph: Graph): TensorDef => graph.tensors[graph.inputs[0]!]!;
export const outputDef = (graph: Graph): TensorDef => graph.tensors[graph.outputs[0]!]!;

/** Values per window at the graph's input (its shape without the batch dimension). */
export const windowSize = (graph: Graph): number => elementCount(inputDef(graph).shape.slice(1));

/** Float windows in the graph input's own dtype. */
export function encodeInput(graph: Graph, windows: Float32Array): Float32Array | Int8Array {
  const affine = ioAffine(inputDef(graph));
  if (!affine) return windows;
  const encoded = new Int8Array(windows.length);
  encodeValues(windows, encoded, affine);
  return encoded;
}

/** Output values in real units. */
export function decodeOutput(graph: Graph, raw: ArrayLike<number>): Float32Array {
  const decoded = new Float32Array(raw.length);
  decodeValues(raw, decoded, ioAffine(outputDef(graph)));
  return decoded;
}
