/**
 * The quantization rule of each operator, as the TensorFlow Lite converter applies it: which
 * parameters its output gets (calibrated, fixed, or shared with the input) and how its
 * constant operands are quantized.
 */
import { EdgeforgeError } from '../../errors.js';
import type { OpDef } from '../../graph/types.js';
import {
  activationParams,
  int32Bias,
  quantizeValue,
  symmetricWeights,
  type ActivationParams,
} from './choose-params.js';
import { quantizeLstm } from './lstm-rule.js';
import type { TensorTable } from './tensor-table.js';

/** TFLite's fixed int8 output parameters. */
export const FIXED_OUTPUTS = {
  LOGISTIC: { scale: Math.fround(1 / 256), zeroPoint: -128 },
  SOFTMAX: { scale: Math.fround(1 / 256), zeroPoint: -128 },
  TANH: { scale: Math.fround(1 / 128), zeroPoint: 0 },
} as const;

/** The filter's channel axis: output channels first, DEPTHWISE's channels last. */
function channelAxis(op: OpDef): number {
  return op.type === 'DEPTHWISE_CONV_2D' ? 3 : 0;
}

/**
 * Weight scales depend on the weights alone, so a filter several ops share (an unrolled GRU's
 * recurrent matrix, one per step) is quantized at its first use and reused as it is.
 */
function quantizedFilter(op: OpDef, table: TensorTable, perChannel: boolean): number[] {
  const filter = op.inputs[1];
  const done = table.tensors[filter];
  if (done.dtype === 'int8' && done.quantization !== undefined) return done.quantization.scale;
  const axis = perChannel ? channelAxis(op) : undefined;
  const weights = symmetricWeights(table.floatData(filter), done.shape, axis);
  table.setConstant(filter, weights.data, {
    scale: weights.scales,
    zeroPoint: weights.scales.map(() => 0),
    ...(axis !== undefined && { axis }),
  });
  return weights.scales;
}

function quantizeMatrixOp(op: OpDef, table: TensorTable, perChannel: boolean): void {
  const [input, filter, bias] = op.inputs;
  const weightScales = quantizedFilter(op, table, perChannel);
  const axis = table.tensors[filter].quantization?.axis;
  const zeros = weightScales.map(() => 0);
  if (bias !== undefined && bias >= 0) {
    const quantized = int32Bias(table.floatData(bias), table.paramsOf(input).scale, weightScales);
    table.setConstant(bias, quantized.data, {
      scale: quantized.scales,
      zeroPoint: zeros,
      ...(axis !== undefined && { axis: 0 }),
    });
  }
}

/** A float constant operand of ADD/MUL/SUB is quantized like an activation over its own values. */
function quantizeElementwiseConstants(op: OpDef, table: TensorTable): void {
  for (const operand of op.inputs) {
    if (table.tensors[operand].data === undefined) continue;
    const values = table.floatData(operand);
    const params = activationParams({ min: Math.min(...values), max: Math.max(...values) });
    table.setConstant(
      operand,
      Int8Array.from(values, (v) => quantizeValue(v, params)),
      { scale: [params.scale], zeroPoint: [params.zeroPoint] },
    );
  }
}

/**
 * Quantizes op `index`'s constants and returns its output's int8 parameters. Inputs are
 * already quantized (ops run in order).
 */
export function quantizeOp(
  op: OpDef,
  index: number,
  table: TensorTable,
  perChannel: boolean,
): ActivationParams {
  const output = op.outputs[0];
  switch (op.type) {
    case 'FULLY_CONNECTED':
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D':
      quantizeMatrixOp(op, table, perChannel);
      return table.calibrated(output);
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
    case 'REDUCE_MAX':
    case 'RESHAPE':
    case 'STRIDED_SLICE':
    case 'PAD':
    case 'RELU6':
      return table.paramsOf(op.inputs[0]);
    case 'LOGISTIC':
    case 'TANH':
    case 'SOFTMAX':
      return FIXED_OUTPUTS[op.type];
    case 'MEAN':
    case 'RELU':
    case 'CONCATENATION':
      return table.calibrated(output);
    case 'ADD':
    case 'MUL':
    case 'SUB':
      quantizeElementwiseConstants(op, table);
      return table.calibrated(output);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return quantizeLstm(op, table);
    case 'GRU':
      // builtinGraph unrolls every GRU before quantization; one left here is a caller's bypass.
      throw new EdgeforgeError('a GRU reached int8 quantization without being unrolled into builtins', {
        place: `op ${index} (GRU)`,
        fix: 'Quantize with quantizeGraph, which unrolls GRUs first',
      });
    case 'QUANTIZE':
    case 'DEQUANTIZE':
      throw new EdgeforgeError('the graph is already quantized', {
        place: `op ${index} (${op.type})`,
        fix: 'Quantize the float graph',
      });
  }
}

/** Whether an op's inputs must carry its output's parameters (CONCATENATION: requantize them first). */
export function needsSharedInputs(op: OpDef): boolean {
  return op.type === 'CONCATENATION';
}
