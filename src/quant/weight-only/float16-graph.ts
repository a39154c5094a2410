/**
 * float16 weights, as the TFLite converter writes float16 models: every float32 constant an
 * op reads is stored as IEEE half bits (dtype 'float16') and read through a DEQUANTIZE op
 * that turns it back into float32 before its consumers, which compute in float32 as before.
 * GRUs are unrolled into builtins first (the shared rewrite the .tflite writer also applies),
 * so their weights are halved too and the result can be written as .tflite.
 */
import { builtinGraph } from '../../graph/rewrite/builtin-graph.js';
import type { Graph, OpDef, TensorDef } from '../../graph/types.js';
import { validateGraph } from '../../graph/validate.js';
import { requireFloatGraph } from './require-float-graph.js';
import { floatToHalfBits } from './float16-bits.js';

export function float16Graph(floatGraph: Graph): Graph {
  requireFloatGraph(floatGraph, 'float16 weight quantization');
  const graph = builtinGraph(floatGraph);
  const tensors: TensorDef[] = [...graph.tensors];
  const dequantizers: OpDef[] = [];
  /** Float32 constant -> its dequantized float32 tensor (one DEQUANTIZE however many ops read it). */
  const dequantized = new Map<number, number>();
  const halved = (index: number): number => {
    const known = dequantized.get(index);
    if (known !== undefined) return known;
    const tensor = tensors[index];
    if (index < 0 || tensor === undefined || !(tensor.data instanceof Float32Array)) return index;
    tensors[index] = { ...tensor, dtype: 'float16', data: Uint16Array.from(tensor.data, floatToHalfBits) };
    const output =
      tensors.push({ name: `${tensor.name}/dequantized`, shape: [...tensor.shape], dtype: 'float32' }) - 1;
    dequantizers.push({ type: 'DEQUANTIZE', inputs: [index], outputs: [output], options: {} });
    dequantized.set(index, output);
    return output;
  };
  const ops = graph.ops.map((op) => ({ ...op, inputs: op.inputs.map(halved) }) as OpDef);
  const result: Graph = {
    ...graph,
    tensors,
    // The DEQUANTIZE ops first, as the converter places them: their outputs exist before any reader runs.
    ops: [...dequantizers, ...ops],
    metadata: {
      ...graph.metadata,
      notes: { ...graph.metadata.notes, quantization: 'float16 weights' },
    },
  };
  validateGraph(result, 'float16 graph');
  return result;
}
