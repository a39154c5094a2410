/**
 * The streaming form of a recurrent model: the same graph for a window of one time step. It
 * exists when every op that still sees the time axis handles one step at a time carrying its
 * state (LSTM, GRU, quantization and activations) until the axis is gone (a GRU returning its
 * last state, or the slice of the last step, which then takes step 0 of the one-step window).
 * Fed step after step from reset state, it outputs after each step what the whole-window graph
 * outputs for the window ending there.
 */
import { inferShapes } from '../../graph/shapes.js';
import type { Graph, OpDef, TensorDef } from '../../graph/types.js';

const STEPWISE: ReadonlySet<OpDef['type']> = new Set([
  'UNIDIRECTIONAL_SEQUENCE_LSTM',
  'QUANTIZE',
  'DEQUANTIZE',
  'LOGISTIC',
  'TANH',
  'RELU',
  'RELU6',
]);

export type Streaming = { graph: Graph } | { reason: string };

export function streamingGraph(graph: Graph): Streaming {
  const input = graph.tensors[graph.inputs[0]];
  if (graph.inputs.length !== 1 || input.shape.length !== 3 || input.shape[1] < 2) {
    return { reason: 'the model input is not one [1, steps, channels] sequence' };
  }
  if (!graph.ops.some((op) => op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM' || op.type === 'GRU')) {
    return { reason: 'the model has no recurrent layer' };
  }
  const steps = input.shape[1];
  const tensors: TensorDef[] = graph.tensors.map((tensor) => ({ ...tensor }));
  tensors[graph.inputs[0]] = { ...input, shape: [input.shape[0], 1, input.shape[2]] };
  const timed = new Set<number>([graph.inputs[0]]);
  for (const op of graph.ops) {
    if (!op.inputs.some((tensor) => timed.has(tensor))) continue;
    if (op.type === 'GRU' && !op.options.timeMajor) {
      if (op.options.returnSequences) timed.add(op.outputs[0]);
    } else if (
      op.type === 'STRIDED_SLICE' &&
      lastStepSlice(graph, op.inputs, op.options.shrinkAxisMask, steps)
    ) {
      // One step in, so the last step is step 0.
      for (const position of [1, 2]) {
        const bound = graph.tensors[op.inputs[position]];
        const values = Int32Array.from(bound.data as Int32Array);
        values[1] = position === 1 ? 0 : 1;
        tensors[op.inputs[position]] = { ...bound, data: values };
      }
    } else if (
      STEPWISE.has(op.type) &&
      !(op.type === 'UNIDIRECTIONAL_SEQUENCE_LSTM' && op.options.timeMajor)
    ) {
      op.outputs.forEach((tensor) => timed.add(tensor));
    } else {
      return { reason: `${op.type} sees the whole sequence at once` };
    }
  }
  // Activations get their one-step shapes (the graph is stored for batch 1, as inferred here).
  const shapes = inferShapes({ ...graph, tensors }, 1);
  const stepTensors = tensors.map((tensor, index) =>
    tensor.data === undefined && tensor.variable !== true ? { ...tensor, shape: shapes[index] } : tensor,
  );
  return { graph: { ...graph, tensors: stepTensors } };
}

/** A STRIDED_SLICE taking step steps - 1 of [1, steps, units] and dropping the time axis. */
function lastStepSlice(graph: Graph, inputs: number[], shrinkAxisMask: number, steps: number): boolean {
  const [begin, end, strides] = [1, 2, 3].map((position) => graph.tensors[inputs[position]]?.data);
  if (!(begin instanceof Int32Array && end instanceof Int32Array && strides instanceof Int32Array))
    return false;
  const first = begin[1] < 0 ? begin[1] + steps : begin[1];
  return (shrinkAxisMask & 0b10) !== 0 && first === steps - 1 && strides[1] === 1;
}
