/**
 * Splits a fused TANH off its operator: TFLite kernels only clamp for a fused activation, and
 * tanh is not a clamp, so both int8 quantization and the TFLite writer need the op followed by
 * a TANH operator, as TFLite's converter emits it. The new pre-activation tensors are appended
 * in op order, so calibration and quantization, which both apply this first, agree on their
 * indices.
 */
import type { Graph, OpDef } from '../types.js';

/** An LSTM's TANH is its cell activation, not a fused output activation, so it stays. */
export function hasFusedTanh(op: OpDef): boolean {
  return (
    op.type !== 'UNIDIRECTIONAL_SEQUENCE_LSTM' &&
    'fusedActivation' in op.options &&
    op.options.fusedActivation === 'TANH'
  );
}

export function unfuseTanh(graph: Graph): Graph {
  if (!graph.ops.some(hasFusedTanh)) return graph;
  const tensors = [...graph.tensors];
  const ops = graph.ops.flatMap((op): OpDef[] => {
    if (!hasFusedTanh(op)) return [op];
    const output = graph.tensors[op.outputs[0]];
    tensors.push({ name: `${output.name}/pre_tanh`, shape: [...output.shape], dtype: output.dtype });
    const preActivation = tensors.length - 1;
    const linear = {
      ...op,
      outputs: [preActivation],
      options: { ...op.options, fusedActivation: 'NONE' },
    } as OpDef;
    return [linear, { type: 'TANH', inputs: [preActivation], outputs: op.outputs, options: {} }];
  });
  return { ...graph, tensors, ops };
}
