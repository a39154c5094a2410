/**
 * Drops tensors no op and no graph input or output refers to (an unrolled GRU's state and
 * its fused weight matrices), which a runtime or TensorFlow Lite Micro would still allocate
 * or store. Indices are renumbered in order, so the result is deterministic.
 */
import type { Graph, OpDef } from '../types.js';

export function dropUnusedTensors(graph: Graph): Graph {
  const used = new Set<number>([...graph.inputs, ...graph.outputs]);
  for (const op of graph.ops) {
    const intermediates = 'intermediates' in op ? (op.intermediates ?? []) : [];
    for (const index of [...op.inputs, ...op.outputs, ...intermediates]) used.add(index);
  }
  if (graph.tensors.every((_, index) => used.has(index))) return graph;
  const newIndex = new Map<number, number>();
  const tensors = graph.tensors.filter((_, index) => {
    if (!used.has(index)) return false;
    newIndex.set(index, newIndex.size);
    return true;
  });
  const remap = (indices: readonly number[]) =>
    indices.map((index) => (index < 0 ? index : newIndex.get(index)!));
  const ops = graph.ops.map((op) => {
    const moved = { ...op, inputs: remap(op.inputs), outputs: remap(op.outputs) };
    if ('intermediates' in op && op.intermediates !== undefined) {
      return { ...moved, intermediates: remap(op.intermediates) } as OpDef;
    }
    return moved as OpDef;
  });
  return { ...graph, tensors, ops, inputs: remap(graph.inputs), outputs: remap(graph.outputs) };
}
