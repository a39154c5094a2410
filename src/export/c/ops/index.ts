/** The C body of each op's function, by operator type. */
import type { OpEmitter } from '../program.js';
import { conv2d, depthwiseConv2d, fullyConnected } from './matrix.js';
import { concatenation, pad, reshape, stridedSlice } from './layout.js';
import { activation, dequantize, quantize, softmax, unsupported } from './pointwise.js';
import { arithmetic } from './arithmetic.js';
import { pool2d, reduce } from './pool.js';
import { gru, lstm } from './recurrent.js';

export function emitOp(e: OpEmitter): string {
  const op = e.op;
  const first = op.inputs[0] ?? -1;
  if (first >= 0 && e.dtype(first) === 'float32' && op.type !== 'QUANTIZE') {
    const intWeights = op.inputs.some((tensor) => tensor >= 0 && e.dtype(tensor) === 'int8');
    if (intWeights)
      unsupported(e, `${op.type} on float input with int8 weights (dynamic-range quantization)`);
  }
  switch (op.type) {
    case 'FULLY_CONNECTED':
      return fullyConnected(e, op);
    case 'CONV_2D':
      return conv2d(e, op);
    case 'DEPTHWISE_CONV_2D':
      return depthwiseConv2d(e, op);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return lstm(e, op);
    case 'GRU':
      return gru(e, op);
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return pool2d(e, op);
    case 'MEAN':
    case 'REDUCE_MAX':
      return reduce(e, op);
    case 'RESHAPE':
      return reshape(e, op);
    case 'STRIDED_SLICE':
      return stridedSlice(e, op);
    case 'CONCATENATION':
      return concatenation(e, op);
    case 'PAD':
      return pad(e, op);
    case 'LOGISTIC':
    case 'TANH':
    case 'RELU':
    case 'RELU6':
      return activation(e, op);
    case 'SOFTMAX':
      return softmax(e, op);
    case 'QUANTIZE':
      return quantize(e, op);
    case 'DEQUANTIZE':
      return dequantize(e, op);
    case 'ADD':
    case 'SUB':
    case 'MUL':
      return arithmetic(e, op);
  }
}
