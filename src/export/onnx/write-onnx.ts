/**
 * The .onnx writer: a deploy graph as an ONNX model (default opset 17, IR version 8) that
 * ONNX Runtime loads. Float graphs map op for op; int8 graphs become QDQ graphs (int8
 * tensors stored as int8, read through DequantizeLinear and written through QuantizeLinear,
 * int8 per-channel weights and int32 biases behind DequantizeLinear), which ONNX Runtime
 * fuses into its integer kernels. The batch dimension is symbolic. docs/onnx.md has the
 * mapping and what differs from the edgeforge runtime.
 */
import { UsageError } from '../../errors.js';
import { inferShapes } from '../../graph/shapes.js';
import type { Graph } from '../../graph/types.js';
import { validateGraph } from '../../graph/validate.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { convertOp } from './convert/index.js';
import { OnnxBuilder } from './onnx-builder.js';
import { encodeModel, type OnnxValueInfo } from './onnx-model.js';
import { onnxType } from './tensor-types.js';
import { TensorValues, type WeightStorage } from './tensor-values.js';

export interface OnnxWriteOptions {
  /** ONNX opset, 13 to 17; default 17. */
  opset?: number;
  /**
   * How int8 weights are stored (default 'uint8'): shifted to uint8 with zero point 128, the
   * same real values, so ONNX Runtime runs its u8u8 kernels, which are exact on every CPU;
   * 'int8' keeps them signed (u8s8 kernels), which saturate on x86 CPUs without VNNI.
   */
  weights?: WeightStorage;
  /** The graph's file, named in errors. */
  source?: string;
}

export const DEFAULT_OPSET = 17;
const OPSETS = { min: 13, max: 17 };
/** The symbolic name of every input's and output's first dimension. */
export const BATCH_DIMENSION = 'batch';

/** ONNX's IR version that introduced each opset (onnx/docs/Versioning.md). */
function irVersionFor(opset: number): number {
  return opset >= 15 ? 8 : 7;
}

function checkOpset(opset: number): void {
  if (!Number.isInteger(opset) || opset < OPSETS.min || opset > OPSETS.max) {
    throw new UsageError(`ONNX opset ${opset} is not one the writer emits`, {
      fix: `Choose an opset from ${OPSETS.min} to ${OPSETS.max} (default ${DEFAULT_OPSET})`,
    });
  }
}

/** The model's own facts, readable from ONNX metadata_props by any ONNX tool. */
function metadataOf(graph: Graph): Record<string, string> {
  const meta = graph.metadata;
  return {
    'edgeforge.task': meta.task,
    'edgeforge.classes': JSON.stringify(meta.classes),
    'edgeforge.source': meta.source,
    ...(meta.preprocessing && { 'edgeforge.preprocessing': JSON.stringify(meta.preprocessing) }),
    ...(meta.anomaly && { 'edgeforge.anomaly': JSON.stringify(meta.anomaly) }),
    ...(meta.notes && { 'edgeforge.notes': JSON.stringify(meta.notes) }),
  };
}

export function writeOnnx(graph: Graph, options: OnnxWriteOptions = {}): Uint8Array {
  const opset = options.opset ?? DEFAULT_OPSET;
  checkOpset(opset);
  validateGraph(graph, options.source);
  const shapes = inferShapes(graph, 1, options.source);
  const builder = new OnnxBuilder();
  const values = new TensorValues(graph, builder, options.weights ?? 'uint8');
  const boundary = (tensor: number): OnnxValueInfo => {
    const def = graph.tensors[tensor]!;
    return {
      name: builder.unique(def.name),
      type: onnxType(def, `graph input/output '${def.name}'`),
      dims: [BATCH_DIMENSION, ...shapes[tensor]!.slice(1)],
    };
  };
  const inputs = graph.inputs.map(boundary);
  const outputs = graph.outputs.map(boundary);
  graph.inputs.forEach((tensor, i) => values.setStored(tensor, inputs[i]!.name));
  graph.ops.forEach((op, index) =>
    convertOp({ graph, shapes, builder, values, op, index, source: options.source }, op),
  );
  // Outputs keep the deploy graph's tensor names: an Identity (removed by ONNX Runtime) names them.
  graph.outputs.forEach((tensor, i) => {
    builder.nodes.push({
      opType: 'Identity',
      name: builder.unique(`Identity_output_${i}`),
      inputs: [values.storedOf(tensor)],
      outputs: [outputs[i]!.name],
      attributes: {},
    });
  });
  return encodeModel({
    irVersion: irVersionFor(opset),
    opset,
    producerName: 'edgeforge',
    producerVersion: '0.1.0',
    docString: `edgeforge deploy graph (${graph.metadata.source})`,
    graph: { name: 'edgeforge', nodes: builder.nodes, initializers: builder.initializers, inputs, outputs },
    metadata: metadataOf(graph),
  });
}

/** Writes the model atomically; returns its size in bytes. */
export async function writeOnnxFile(
  graph: Graph,
  file: string,
  options: OnnxWriteOptions = {},
): Promise<number> {
  const bytes = writeOnnx(graph, options);
  await writeFileAtomic(file, bytes);
  return bytes.length;
}
