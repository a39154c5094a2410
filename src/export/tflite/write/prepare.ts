/**
 * The deploy graph made ready for TensorFlow Lite Micro, or refused. Refused, with an error
 * naming the op and the alternative: a GRU that is not float32, batch-major and reset_after
 * (float GRUs are unrolled into builtins, see src/graph/rewrite/unroll-gru.ts), dynamic-range
 * ("hybrid") operators with float activations and int8 weights (TFLite Micro has no hybrid
 * kernels), and a TANH fused into an int8 operator (TFLite kernels only clamp, so the tanh
 * would be dropped). Rewritten, keeping the meaning: a TANH fused into a float operator
 * becomes a TANH op after it, and a RESHAPE's leading 1 ("the batch") becomes -1. float16
 * weights (DEQUANTIZE to float32, as the converter writes them) are written with a warning:
 * LiteRT runs them, TensorFlow Lite Micro does not.
 */
import { EdgeforgeError } from '../../../errors.js';
import { builtinGraph } from '../../../graph/rewrite/builtin-graph.js';
import { hasFusedTanh } from '../../../graph/rewrite/unfuse-tanh.js';
import { canUnrollGru } from '../../../graph/rewrite/unroll-gru.js';
import type { Graph, OpDef, TensorDef } from '../../../graph/types.js';

/** Operators that read their input with constant weights (LSTM: input-to-input weights first). */
const WEIGHTED: ReadonlySet<OpDef['type']> = new Set<OpDef['type']>([
  'FULLY_CONNECTED',
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'UNIDIRECTIONAL_SEQUENCE_LSTM',
]);

export interface PreparedGraph {
  graph: Graph;
  warnings: string[];
}

/**
 * Throws for the first operator TensorFlow Lite Micro cannot run. Safe on an unvalidated
 * graph, so a hybrid graph (which the deploy graph's validation rejects too) gets the
 * message that names the way out.
 */
export function refuseUnsupported(graph: Graph, source: string | undefined): void {
  graph.ops.forEach((op, index) => refuseOp(graph, op, index, source));
}

/** Expects a validated graph that refuseUnsupported accepted. */
export function prepareForTflite(deployGraph: Graph): PreparedGraph {
  const warnings = deployGraph.ops
    .filter(hasFusedTanh)
    .map(
      (op) =>
        `the TANH fused into ${op.type} '${deployGraph.tensors[op.outputs[0]!]!.name}' is written as a TANH op`,
    );
  if (deployGraph.tensors.some((tensor) => tensor.dtype === 'float16')) {
    warnings.push(
      'float16 weights: LiteRT runs this file, TensorFlow Lite Micro does not (its DEQUANTIZE takes no float16); use full-integer int8 for microcontrollers',
    );
  }
  for (const op of deployGraph.ops) {
    if (op.type !== 'GRU') continue;
    const steps = deployGraph.tensors[op.inputs[0]!]!.shape[1];
    warnings.push(
      `GRU '${deployGraph.tensors[op.outputs[0]!]!.name}' (no TFLite builtin) is unrolled into builtin ops over its ${steps} time steps`,
    );
  }
  const graph = builtinGraph(deployGraph);
  const tensors = graph.tensors.map((tensor) => ({ ...tensor }));
  batchAsInferred(graph.ops, tensors);
  return { graph: { ...graph, tensors }, warnings };
}

function refuseOp(graph: Graph, op: OpDef, index: number, source: string | undefined): void {
  const place = `op ${index} ${op.type}`;
  const dtypeAt = (position: number) => graph.tensors[op.inputs[position] ?? -1]?.dtype;
  if (op.type === 'GRU' && !canUnrollGru(op, graph.tensors)) {
    throw new EdgeforgeError(
      'only a float32, batch-major GRU with reset_after can be unrolled into TensorFlow Lite Micro builtins (TFLite has no GRU op)',
      {
        file: source,
        place,
        fix: 'Export the float32 GRU model, or train with the lstm-tutorial or cnn1d-small preset (LSTM or CNN layers)',
      },
    );
  }
  if (WEIGHTED.has(op.type) && dtypeAt(0) === 'float32' && dtypeAt(1) === 'int8') {
    throw new EdgeforgeError(
      'float32 activations with int8 weights (dynamic-range quantization): TensorFlow Lite Micro has no hybrid kernels',
      {
        file: source,
        place,
        fix: 'Use full-integer int8 quantization (calibrated activations), or export the float32 model',
      },
    );
  }
  if (hasFusedTanh(op) && dtypeAt(0) === 'int8') {
    throw new EdgeforgeError(
      'a fused TANH on an int8 operator: TensorFlow Lite only fuses clamping activations (RELU, RELU6, RELU_N1_TO_1)',
      {
        file: source,
        place,
        fix: 'Quantize the model with the tanh as its own TANH op (with its own output scale), or export the float32 model',
      },
    );
  }
}

/**
 * Our RESHAPE reads a leading 1 as "the batch", TFLite as a literal 1; -1 (inferred) keeps
 * the meaning whatever the batch, where the shape has no other -1. Only shape constants that
 * nothing but RESHAPE reads are rewritten.
 */
function batchAsInferred(ops: readonly OpDef[], tensors: TensorDef[]): void {
  const readers = new Map<number, boolean>();
  for (const op of ops) {
    op.inputs.forEach((tensor, position) => {
      const asShape = op.type === 'RESHAPE' && position === 1;
      readers.set(tensor, (readers.get(tensor) ?? true) && asShape);
    });
  }
  for (const [index, onlyShape] of readers) {
    const tensor = tensors[index];
    const data = tensor?.data;
    if (!onlyShape || tensor === undefined || !(data instanceof Int32Array)) continue;
    if (data[0] !== 1 || data.includes(-1)) continue;
    const target = Int32Array.from(data);
    target[0] = -1;
    tensor.data = target;
  }
}
