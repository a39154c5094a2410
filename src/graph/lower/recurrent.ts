/**
 * LSTM -> UNIDIRECTIONAL_SEQUENCE_LSTM with TFLite's 24 inputs (per-gate [u, in] and [u, u]
 * weights, per-gate biases, output and cell state variables); its output is every step, so
 * returnSequences = false adds a STRIDED_SLICE of the last step. GRU -> the GRU op with the
 * Keras (reset_after) kernels transposed.
 */
import type { SpecOf } from '../../nn/spec.js';
import type { LoweringContext } from './context.js';
import { slice, transpose, transposedColumns } from './keras-layout.js';

/** TFLite's LSTM gate order, which is also Keras's i, f, c, o. */
const LSTM_GATES = ['input', 'forget', 'cell', 'output'] as const;

function sequenceShape(context: LoweringContext, layer: string): { steps: number; depth: number } {
  context.asSequence(`${layer}/input_3d`);
  const shape = context.shape();
  if (shape.length !== 3) context.layerError(layer, 'needs a sequence [steps, channels]');
  return { steps: shape[1]!, depth: shape[2]! };
}

export function lowerLstm(context: LoweringContext, spec: SpecOf<'lstm'>): void {
  const layer = spec.name!;
  const { steps, depth } = sequenceShape(context, layer);
  const input = context.current;
  const units = spec.units;
  const width = 4 * units;
  const kernel = context.weight(`${layer}/kernel`, [depth, width]);
  const recurrent = context.weight(`${layer}/recurrent_kernel`, [units, width]);
  const bias = context.weight(`${layer}/bias`, [width]);
  const builder = context.builder;
  const perGate = (make: (gate: number) => number) => LSTM_GATES.map((_, gate) => make(gate));
  const inputWeights = perGate((g) =>
    builder.constant(
      `${layer}/${LSTM_GATES[g]}_kernel`,
      [units, depth],
      transposedColumns(kernel, depth, width, g * units, units),
    ),
  );
  const recurrentWeights = perGate((g) =>
    builder.constant(
      `${layer}/${LSTM_GATES[g]}_recurrent_kernel`,
      [units, units],
      transposedColumns(recurrent, units, width, g * units, units),
    ),
  );
  const biases = perGate((g) =>
    builder.constant(`${layer}/${LSTM_GATES[g]}_bias`, [units], slice(bias, g * units, units)),
  );
  const outputState = builder.variable(`${layer}/output_state`, [1, units]);
  const cellState = builder.variable(`${layer}/cell_state`, [1, units]);
  const noPeepholes = [-1, -1, -1];
  const noProjection = [-1, -1];
  const noLayerNorm = [-1, -1, -1, -1];
  const inputs = [
    input,
    ...inputWeights,
    ...recurrentWeights,
    ...noPeepholes,
    ...biases,
    ...noProjection,
    outputState,
    cellState,
    ...noLayerNorm,
  ];
  const lastOnly = spec.returnSequences !== true;
  context.emit(
    {
      type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
      inputs,
      options: { fusedActivation: 'TANH', cellClip: 0, projClip: 0, timeMajor: false },
    },
    lastOnly ? `${layer}/sequence` : `${layer}/output`,
  );
  if (lastOnly) lastStep(context, layer, steps, units);
}

/** [1, T, u] -> [1, u]: the last time step, batch kept by the masks. */
function lastStep(context: LoweringContext, layer: string, steps: number, units: number): void {
  const builder = context.builder;
  const begin = builder.ints(`${layer}/last_step/begin`, [0, steps - 1, 0]);
  const end = builder.ints(`${layer}/last_step/end`, [1, steps, units]);
  const strides = builder.ints(`${layer}/last_step/strides`, [1, 1, 1]);
  context.emit(
    {
      type: 'STRIDED_SLICE',
      inputs: [context.current, begin, end, strides],
      options: { beginMask: 0b101, endMask: 0b101, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0b010 },
    },
    `${layer}/output`,
  );
}

export function lowerGru(context: LoweringContext, spec: SpecOf<'gru'>): void {
  const layer = spec.name!;
  const { depth } = sequenceShape(context, layer);
  const input = context.current;
  const units = spec.units;
  const width = 3 * units;
  const kernel = context.weight(`${layer}/kernel`, [depth, width]);
  const recurrent = context.weight(`${layer}/recurrent_kernel`, [units, width]);
  const bias = context.weight(`${layer}/bias`, [2, width]);
  const builder = context.builder;
  const inputs = [
    input,
    builder.constant(`${layer}/kernel`, [width, depth], transpose(kernel, depth, width)),
    builder.constant(`${layer}/recurrent_kernel`, [width, units], transpose(recurrent, units, width)),
    builder.constant(`${layer}/input_bias`, [width], slice(bias, 0, width)),
    builder.constant(`${layer}/recurrent_bias`, [width], slice(bias, width, width)),
    builder.variable(`${layer}/state`, [1, units]),
  ];
  context.emit(
    {
      type: 'GRU',
      inputs,
      options: { resetAfter: true, timeMajor: false, returnSequences: spec.returnSequences === true },
    },
    `${layer}/output`,
  );
}
