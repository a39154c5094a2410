/**
 * The int8 kernel for each operator type. An op runs on int8 when its first input is int8
 * (see runsInt8); the interpreter's kernel factory asks here first. Ops that only move bytes
 * (RESHAPE) and DEQUANTIZE have dtype-independent kernels and keep them.
 */
import type { OpDef } from '../../../graph/types.js';
import type { Kernel, KernelContext } from '../context.js';
import { activationInt8Kernel } from './activation.js';
import { conv2dInt8Kernel } from './conv-2d.js';
import { concatenationInt8Kernel, padInt8Kernel, stridedSliceInt8Kernel } from './data-movement.js';
import { depthwiseConv2dInt8Kernel } from './depthwise-conv-2d.js';
import { elementwiseInt8Kernel } from './elementwise.js';
import { fullyConnectedInt8Kernel } from './fully-connected.js';
import { lstmInt8Kernel } from './lstm.js';
import { pool2dInt8Kernel } from './pool-2d.js';
import { reduceInt8Kernel } from './reduce.js';
import { requantizeInt8Kernel } from './requantize.js';
import { softmaxInt8Kernel } from './softmax.js';

/** Whether `op` computes on int8 values and so needs its int8 kernel. */
export function runsInt8(op: OpDef, ctx: KernelContext): boolean {
  const first = op.inputs[0] ?? -1;
  return op.type !== 'RESHAPE' && op.type !== 'DEQUANTIZE' && first >= 0 && ctx.dtype(first) === 'int8';
}

export function createInt8Kernel(op: OpDef, ctx: KernelContext): Kernel {
  switch (op.type) {
    case 'FULLY_CONNECTED':
      return fullyConnectedInt8Kernel(op, ctx);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return lstmInt8Kernel(op, ctx);
    case 'CONV_2D':
      return conv2dInt8Kernel(op, ctx);
    case 'DEPTHWISE_CONV_2D':
      return depthwiseConv2dInt8Kernel(op, ctx);
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return pool2dInt8Kernel(op, ctx);
    case 'MEAN':
    case 'REDUCE_MAX':
      return reduceInt8Kernel(op, ctx);
    case 'LOGISTIC':
    case 'TANH':
    case 'RELU':
    case 'RELU6':
      return activationInt8Kernel(op, ctx);
    case 'SOFTMAX':
      return softmaxInt8Kernel(op, ctx);
    case 'ADD':
    case 'MUL':
    case 'SUB':
      return elementwiseInt8Kernel(op, ctx);
    case 'QUANTIZE':
      return requantizeInt8Kernel(op, ctx);
    case 'PAD':
      return padInt8Kernel(op, ctx);
    case 'STRIDED_SLICE':
      return stridedSliceInt8Kernel(op, ctx);
    case 'CONCATENATION':
      return concatenationInt8Kernel(op, ctx);
    default:
      return ctx.fail(
        `operator ${op.type} has no int8 kernel`,
        'Run this operator in float32 (dequantize before it)',
      );
  }
}
