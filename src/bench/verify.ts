/**
 * A runner's outputs against the edgeforge runtime's on the same windows: float outputs within
 * the export tolerance, int8 ones within one step of the output's quantization (runtimes may
 * round a requantization differently by one).
 */
import { FLOAT_TOLERANCE, maxAbsDifference } from '../export/verification.js';
import type { Graph } from '../graph/types.js';
import type { BenchCell } from './results.js';

/** The int8 tensor the output counts in: the output itself, or what a final DEQUANTIZE reads. */
function outputStep(graph: Graph): number | undefined {
  const output = graph.outputs[0]!;
  const producer = graph.ops.find((op) => op.outputs.includes(output));
  const source = producer?.type === 'DEQUANTIZE' ? producer.inputs[0]! : output;
  const def = graph.tensors[source]!;
  return def.dtype === 'int8' ? def.quantization?.scale[0] : undefined;
}

export function verifyOutputs(
  graph: Graph,
  reference: Float32Array,
  outputs: Float32Array,
): NonNullable<BenchCell['verified']> {
  if (outputs.length > reference.length) throw new RangeError('more outputs than reference outputs');
  const maxAbsDiff = maxAbsDifference(outputs, reference.subarray(0, outputs.length));
  const step = outputStep(graph);
  // A hair over one step, so float rounding of dequantized values cannot fail a one-step match.
  const tolerance = step === undefined ? FLOAT_TOLERANCE : step * (1 + 1e-3);
  return { maxAbsDiff, tolerance, passed: maxAbsDiff <= tolerance };
}
