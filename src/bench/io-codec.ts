/**
 * A deploy graph's input and output as the bench feeds them to other runtimes: float windows
 * quantized for an int8 input (as TensorFlow Lite's QUANTIZE rounds), raw int8 outputs read
 * back as real values. Float tensors pass through.
 */
import { elementCount } from '../graph/shapes.js';
import type { Graph, TensorDef } from '../graph/types.js';
import { quantizeValue } from '../quant/ptq/choose-params.js';

function affine(def: TensorDef): { scale: number; zeroPoint: number } | undefined {
  const q = def.quantization;
  return def.dtype === 'int8' && q ? { scale: q.scale[0]!, zeroPoint: q.zeroPoint[0]! } : undefined;
}

export const inputDef = (graph: Graph): TensorDef => graph.tensors[graph.inputs[0]!]!;
export const outputDef = (graph: Graph): TensorDef => graph.tensors[graph.outputs[0]!]!;

/** Values per window at the graph's input (its shape without the batch dimension). */
export const windowSize = (graph: Graph): number => elementCount(inputDef(graph).shape.slice(1));

/** Float windows in the graph input's own dtype. */
export function encodeInput(graph: Graph, windows: Float32Array): Float32Array | Int8Array {
  const params = affine(inputDef(graph));
  return params ? Int8Array.from(windows, (value) => quantizeValue(value, params)) : windows;
}

/** Output values in real units. */
export function decodeOutput(graph: Graph, raw: ArrayLike<number>): Float32Array {
  const params = affine(outputDef(graph));
  if (!params) return Float32Array.from(raw);
  return Float32Array.from(raw, (value) => params.scale * (value - params.zeroPoint));
}
