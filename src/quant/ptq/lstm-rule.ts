/**
 * The integer LSTM layout TensorFlow Lite's converter produces for UNIDIRECTIONAL_SEQUENCE_LSTM:
 * int8 per-tensor symmetric weights per gate, int32 gate biases at input x weight scale, an
 * int8 output state sharing the output's (symmetric) parameters, an int16 cell state with a
 * power-of-two scale covering the calibrated cell range, and the five intermediates (the four
 * gate matmul outputs, float and unused without layer normalisation, and the effective hidden
 * scale, int8 with the output's parameters).
 */
import type { OpDef } from '../../graph/types.js';
import { float32 } from '../params.js';
import { int32Bias, symmetricWeights, type ActivationParams } from './choose-params.js';
import { perTensor, type TensorTable } from './tensor-table.js';

const WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8];
const INPUT_WEIGHTS_OF_BIAS = new Map([
  [12, 1],
  [13, 2],
  [14, 3],
  [15, 4],
]);
const OUTPUT_STATE = 18;
const CELL_STATE = 19;
const GATE_INTERMEDIATES = ['input_to_input', 'input_to_forget', 'input_to_cell', 'input_to_output'];

/**
 * The int16 cell scale: the smallest power of two whose int16 range covers `maxAbs`, and no
 * finer than 2^-15 (Q0.15, |c| <= 1).
 */
export function cellStateScale(maxAbs: number): number {
  return 2 ** (Math.max(Math.ceil(Math.log2(Math.max(maxAbs, 2 ** -15))), 0) - 15);
}

export function quantizeLstm(
  op: Extract<OpDef, { type: 'UNIDIRECTIONAL_SEQUENCE_LSTM' }>,
  table: TensorTable,
): ActivationParams {
  const inputs = op.inputs;
  const inputScale = table.paramsOf(inputs[0]).scale;
  const weightScales = new Map<number, number>();
  for (const position of WEIGHTS) {
    const tensor = inputs[position];
    const weights = symmetricWeights(table.floatData(tensor), table.tensors[tensor].shape, undefined);
    table.setConstant(tensor, weights.data, { scale: weights.scales, zeroPoint: [0] });
    weightScales.set(position, weights.scales[0]);
  }
  for (const [position, weightPosition] of INPUT_WEIGHTS_OF_BIAS) {
    const tensor = inputs[position];
    const bias = int32Bias(table.floatData(tensor), inputScale, [weightScales.get(weightPosition) ?? 1]);
    table.setConstant(tensor, bias.data, { scale: bias.scales, zeroPoint: [0] });
  }
  const outputRange = table.range(op.outputs[0]);
  const hiddenMax = Math.max(Math.abs(outputRange.min), Math.abs(outputRange.max));
  const hidden = { scale: hiddenMax > 0 ? float32(hiddenMax / 127) : 1, zeroPoint: 0 };
  table.setInt8Activation(inputs[OUTPUT_STATE], hidden);
  const cellRange = table.range(inputs[CELL_STATE]);
  const cellScale = cellStateScale(Math.max(Math.abs(cellRange.min), Math.abs(cellRange.max)));
  table.retype(inputs[CELL_STATE], 'int16', { scale: [cellScale], zeroPoint: [0] });
  const name = table.tensors[op.outputs[0]].name;
  op.intermediates = [
    ...GATE_INTERMEDIATES.map((gate) =>
      table.add({ name: `${name}/${gate}_intermediate`, shape: [0], dtype: 'float32' }),
    ),
    table.add({
      name: `${name}/effective_hidden_scale_intermediate`,
      shape: [0],
      dtype: 'int8',
      quantization: perTensor(hidden),
    }),
  ];
  return hidden;
}
