/**
 * Folds a standalone RELU / RELU6 into the op that produces its input, as TFLite's converter
 * does before quantizing: the int8 producer then clamps its own output, saving a pass over
 * the tensor and a rounding. Only when the producer can fuse (FULLY_CONNECTED, the
 * convolutions, pools, ADD/SUB/MUL) with no activation yet, and nothing else reads the
 * intermediate tensor. The fused op writes the activation's output tensor, whose calibrated
 * range is already the activated one.
 */
import { FUSIBLE_OPS } from '../../graph/fusible-ops.js';
import type { Graph, OpDef } from '../../graph/types.js';

function readers(graph: Graph, tensor: number): number {
  return (
    graph.ops.filter((op) => op.inputs.includes(tensor)).length + (graph.outputs.includes(tensor) ? 1 : 0)
  );
}

/** An op of the fused list and its index in the original graph (for error places). */
export interface IndexedOp {
  op: OpDef;
  index: number;
}

/** The graph's ops (copies) with each fusable RELU / RELU6 folded into its producer (tensors unchanged). */
export function fuseActivations(graph: Graph): IndexedOp[] {
  const fused: IndexedOp[] = [];
  for (const [index, original] of graph.ops.entries()) {
    const op = {
      ...original,
      inputs: [...original.inputs],
      outputs: [...original.outputs],
      options: { ...original.options },
    } as OpDef;
    if (op.type === 'RELU' || op.type === 'RELU6') {
      const producer = fused.find((candidate) => candidate.op.outputs[0] === op.inputs[0])?.op;
      if (
        producer !== undefined &&
        FUSIBLE_OPS.has(producer.type) &&
        'fusedActivation' in producer.options &&
        producer.options.fusedActivation === 'NONE' &&
        readers(graph, op.inputs[0]) === 1
      ) {
        producer.options.fusedActivation = op.type;
        producer.outputs = [op.outputs[0]];
        continue;
      }
    }
    fused.push({ op, index });
  }
  return fused;
}
