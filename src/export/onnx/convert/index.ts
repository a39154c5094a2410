/** One deploy-graph op to its ONNX nodes. */
import type { OpDef } from '../../../graph/types.js';
import type { ConvertContext } from './context.js';
import { convertBinary, convertQuantization, convertSoftmax, convertUnary } from './elementwise.js';
import { convertConvolution, convertFullyConnected } from './matrix.js';
import { convertPool, convertReduce } from './pool.js';
import { convertGru, convertLstm } from './recurrent.js';
import { convertConcatenation, convertPad, convertReshape, convertStridedSlice } from './shape-ops.js';

export function convertOp(ctx: ConvertContext, op: OpDef): void {
  switch (op.type) {
    case 'FULLY_CONNECTED':
      return convertFullyConnected(ctx, op);
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D':
      return convertConvolution(ctx, op);
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return convertPool(ctx, op);
    case 'MEAN':
    case 'REDUCE_MAX':
      return convertReduce(ctx, op);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return convertLstm(ctx, op);
    case 'GRU':
      return convertGru(ctx, op);
    case 'RESHAPE':
      return convertReshape(ctx);
    case 'STRIDED_SLICE':
      return convertStridedSlice(ctx, op);
    case 'PAD':
      return convertPad(ctx);
    case 'CONCATENATION':
      return convertConcatenation(ctx, op);
    case 'LOGISTIC':
    case 'TANH':
    case 'RELU':
    case 'RELU6':
      return convertUnary(ctx, op);
    case 'SOFTMAX':
      return convertSoftmax(ctx, op);
    case 'ADD':
    case 'MUL':
    case 'SUB':
      return convertBinary(ctx, op);
    case 'QUANTIZE':
    case 'DEQUANTIZE':
      return convertQuantization(ctx);
  }
}
