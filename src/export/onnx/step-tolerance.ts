/**
 * How many output steps an int8 ONNX export may differ from the edgeforge runtime. Each
 * requantizing op may round one step differently (ONNX Runtime rounds a float product half
 * to even, TFLite a fixed-point one with its own multiplier); such a step is invisible at a
 * linear output but a squashing output op magnifies it: one step of its input moves its output
 * by up to (input scale × the function's largest slope) / output scale, in steps. So the
 * allowance is that propagated step (rounded up) plus the output op's own step.
 */
import type { Graph, TensorDef } from '../../graph/types.js';
import { isQuantized } from './tensor-types.js';

/**
 * The largest slope of each squashing op: sigmoid' <= 1/4 and tanh' <= 1; a softmax output
 * moves by at most 2p(1 - p) <= 1/2 when every logit moves by one unit (times SOFTMAX's beta).
 */
const LARGEST_SLOPE: Partial<Record<string, number>> = { LOGISTIC: 1 / 4, TANH: 1, SOFTMAX: 1 / 2 };

/** The output's own rounding step. */
const OWN_STEP = 1;

/** The allowed difference, in steps of `source` (an int8 tensor the graph outputs, or dequantizes as output). */
export function allowedSteps(graph: Graph, source: number): number {
  const producer = graph.ops.find((op) => op.outputs.includes(source));
  if (producer === undefined) return OWN_STEP;
  const slope = LARGEST_SLOPE[producer.type];
  const input = graph.tensors[producer.inputs[0]!];
  if (slope === undefined || input === undefined || !isQuantized(input)) return OWN_STEP;
  // SOFTMAX scales its logits by beta first.
  const gain = slope * (producer.type === 'SOFTMAX' ? producer.options.beta : 1);
  return OWN_STEP + Math.ceil((scaleOf(input) * gain) / scaleOf(graph.tensors[source]!));
}

function scaleOf(def: TensorDef): number {
  return def.quantization!.scale[0]!;
}
