/** Calibration: the activation ranges a post-training quantization pass turns into int8 parameters. */
import { EdgeforgeError } from '../../errors.js';
import type { Graph } from '../../graph/types.js';
import { builtinGraph } from '../../graph/rewrite/builtin-graph.js';
import { lstmCellValues } from './lstm-cell.js';
import { observeActivations } from './observe.js';
import { rangeOf, type CalibrationMethod, type TensorRange } from './range-methods.js';

export type { CalibrationMethod, TensorRange } from './range-methods.js';

/** The LSTM's cell-state operand (TFLite's input 19), whose range calibration also records. */
const CELL_STATE = 19;

/** Tensor index -> the range its int8 parameters must cover. */
export type ActivationRanges = Map<number, TensorRange>;

export interface CalibrationOptions {
  method: CalibrationMethod;
  /** For 'percentile': the central share of values kept, in percent; default 99.99. */
  percentile?: number;
}

/**
 * Runs the float `graph` over `count` windows of `samples` (count x steps x channels, already
 * scaled) and returns the range of its input, of every op output and of every LSTM cell state.
 */
export function calibrate(
  floatGraph: Graph,
  samples: Float32Array,
  count: number,
  options: CalibrationOptions,
): ActivationRanges {
  if (floatGraph.tensors.some((tensor) => tensor.data === undefined && tensor.dtype !== 'float32')) {
    throw new EdgeforgeError('calibration needs a float graph; this one is already quantized', {
      fix: 'Calibrate the float model (model.efg) before quantizing it',
    });
  }
  const percentile = options.percentile ?? 99.99;
  // Ranges are recorded for the graph quantizeGraph rewrites: fused tanh split off, GRUs unrolled.
  const graph = builtinGraph(floatGraph);
  const observed = observeActivations(graph, samples, count);
  for (const op of graph.ops) {
    if (op.type !== 'UNIDIRECTIONAL_SEQUENCE_LSTM') continue;
    const [input, output] = [op.inputs[0], op.outputs[0]].map((t) => observed.get(t) ?? new Float32Array());
    observed.set(op.inputs[CELL_STATE], lstmCellValues(graph, op, input, output, count));
  }
  const ranges: ActivationRanges = new Map();
  for (const [tensor, values] of observed) ranges.set(tensor, rangeOf(values, options.method, percentile));
  return ranges;
}
