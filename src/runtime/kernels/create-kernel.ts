/**
 * The kernel for each operator type: the int8 one when the op computes on int8, the hybrid
 * one for float ops with int8 weights (dynamic-range quantization), float16 DEQUANTIZE for
 * float16 weights, else the float32 one; a WebAssembly SIMD kernel instead where one exists for the op
 * (wasm/create-wasm-kernel.ts) and the engine has SIMD.
 */
import type { OpDef } from '../../graph/types.js';
import type { Kernel, KernelContext } from './context.js';
import { activationKernel } from './float/activation.js';
import { concatenationKernel } from './float/concatenation.js';
import { conv2dKernel } from './float/conv-2d.js';
import { depthwiseConv2dKernel } from './float/depthwise-conv-2d.js';
import { elementwiseKernel } from './float/elementwise.js';
import { fullyConnectedKernel } from './float/fully-connected.js';
import { gruKernel } from './float/gru.js';
import { lstmKernel } from './float/lstm.js';
import { padKernel } from './float/pad.js';
import { pool2dKernel } from './float/pool-2d.js';
import { quantizeKernel } from './float/quantize.js';
import { reduceKernel } from './float/reduce.js';
import { reshapeKernel } from './float/reshape.js';
import { softmaxKernel } from './float/softmax.js';
import { stridedSliceKernel } from './float/strided-slice.js';
import { createHybridKernel, runsHybrid } from './hybrid/create-hybrid-kernel.js';
import { createInt8Kernel, runsInt8 } from './int8/create-int8-kernel.js';
import { dequantizeFloat16Kernel } from './dequantize-float16.js';
import { createWasmKernel } from '../wasm/create-wasm-kernel.js';

export function createKernel(op: OpDef, ctx: KernelContext): Kernel {
  return createWasmKernel(op, ctx) ?? createTypeScriptKernel(op, ctx);
}

function createTypeScriptKernel(op: OpDef, ctx: KernelContext): Kernel {
  if (runsInt8(op, ctx)) return createInt8Kernel(op, ctx);
  if (runsHybrid(op, ctx)) return createHybridKernel(op, ctx);
  if (op.type === 'DEQUANTIZE' && ctx.dtype(op.inputs[0]) === 'float16')
    return dequantizeFloat16Kernel(op, ctx);
  switch (op.type) {
    case 'FULLY_CONNECTED':
      return fullyConnectedKernel(op, ctx);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return lstmKernel(op, ctx);
    case 'GRU':
      return gruKernel(op, ctx);
    case 'CONV_2D':
      return conv2dKernel(op, ctx);
    case 'DEPTHWISE_CONV_2D':
      return depthwiseConv2dKernel(op, ctx);
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return pool2dKernel(op, ctx);
    case 'MEAN':
    case 'REDUCE_MAX':
      return reduceKernel(op, ctx);
    case 'RESHAPE':
      return reshapeKernel(op, ctx);
    case 'STRIDED_SLICE':
      return stridedSliceKernel(op, ctx);
    case 'PAD':
      return padKernel(op, ctx);
    case 'LOGISTIC':
    case 'TANH':
    case 'RELU':
    case 'RELU6':
      return activationKernel(op, ctx);
    case 'SOFTMAX':
      return softmaxKernel(op, ctx);
    case 'ADD':
    case 'MUL':
    case 'SUB':
      return elementwiseKernel(op, ctx);
    case 'CONCATENATION':
      return concatenationKernel(op, ctx);
    case 'QUANTIZE':
    case 'DEQUANTIZE':
      return quantizeKernel(op, ctx);
    default:
      return ctx.fail(
        `operator '${(op as { type: string }).type}' has no kernel`,
        'Use the operators listed in docs/graph-format.md',
      );
  }
}
