/**
 * A runner's outputs against the edgeforge runtime's on the same windows: float outputs within
 * the export tolerance, int8 ones within the runner's allowance of output steps (0 for the
 * bit-exact generated C; ONNX Runtime's rounding differences, see src/export/onnx/step-tolerance.ts).
 */
import { FLOAT_TOLERANCE, maxAbsDifference } from '../export/verification.js';
import type { Graph } from '../graph/types.js';
import type { BenchCell } from './results.js';

/** The int8 tensor the output counts in: the output itself, or what a final DEQUANTIZE reads. */
function outputSource(graph: Graph): number | undefined {
  const output = graph.outputs[0]!;
  const producer = graph.ops.find((op) => op.outputs.includes(output));
  const source = producer?.type === 'DEQUANTIZE' ? producer.inputs[0]! : output;
  return graph.tensors[source]!.dtype === 'int8' ? source : undefined;
}

/** How many output steps a runner may differ by, given the graph and its int8 output tensor. */
export type StepAllowance = (graph: Graph, source: number) => number;

export function verifyOutputs(
  graph: Graph,
  reference: Float32Array,
  outputs: Float32Array,
  allowance: StepAllowance = () => 1,
): NonNullable<BenchCell['verified']> {
  if (outputs.length > reference.length) throw new RangeError('more outputs than reference outputs');
  const maxAbsDiff = maxAbsDifference(outputs, reference.subarray(0, outputs.length));
  const source = outputSource(graph);
  const step = source === undefined ? undefined : graph.tensors[source]!.quantization!.scale[0]!;
  // A hair over the allowance, so float rounding of dequantized values cannot fail a match.
  const tolerance = step === undefined ? FLOAT_TOLERANCE : step * (allowance(graph, source!) + 1e-3);
  return { maxAbsDiff, tolerance, passed: maxAbsDiff <= tolerance };
}
