/**
 * The WebAssembly SIMD kernel for an op, or undefined when it has none, SIMD is unavailable
 * or the kernels are switched off: createKernel then falls back to the TypeScript kernel,
 * which stays the specification (float results within 1e-6 relative, int8 bit-exact).
 */
import type { OpDef } from '../../graph/types.js';
import type { Kernel, KernelContext } from '../kernels/context.js';
import { runsInt8 } from '../kernels/int8/create-int8-kernel.js';
import { wasmConv2dKernel } from './conv-float.js';
import { wasmConv2dInt8Kernel } from './conv-int8.js';
import { wasmDepthwiseConv2dKernel } from './depthwise-conv-float.js';
import { wasmDepthwiseConv2dInt8Kernel } from './depthwise-conv-int8.js';
import { wasmFullyConnectedKernel } from './fully-connected.js';
import { wasmFullyConnectedInt8Kernel } from './fully-connected-int8.js';
import { wasmGruKernel } from './gru-float.js';
import { wasmLstmKernel } from './lstm-float.js';
import { wasmLstmInt8Kernel } from './lstm-int8.js';
import { wasmMeanInt8Kernel } from './mean-int8.js';
import { wasmPool2dKernel } from './pool-float.js';
import { wasmMaxPoolInt8Kernel } from './pool-int8.js';
import { wasmReduceKernel } from './reduce-float.js';

/** Every kernel made here, so the interpreter can say which ops run on WebAssembly. */
const wasmKernels = new WeakSet<Kernel>();

export function isWasmKernel(kernel: Kernel): boolean {
  return wasmKernels.has(kernel);
}

export function createWasmKernel(op: OpDef, ctx: KernelContext): Kernel | undefined {
  const kernel = wasmKernelFor(op, ctx);
  if (kernel !== undefined) wasmKernels.add(kernel);
  return kernel;
}

function wasmKernelFor(op: OpDef, ctx: KernelContext): Kernel | undefined {
  const float = ctx.dtype(op.inputs[0]) === 'float32';
  const int8 = runsInt8(op, ctx);
  switch (op.type) {
    case 'FULLY_CONNECTED':
      if (int8) return wasmFullyConnectedInt8Kernel(op, ctx);
      return float && ctx.dtype(op.inputs[1]) === 'float32' ? wasmFullyConnectedKernel(op, ctx) : undefined;
    case 'CONV_2D':
      if (int8) return wasmConv2dInt8Kernel(op, ctx);
      return float && ctx.dtype(op.inputs[1]) === 'float32' ? wasmConv2dKernel(op, ctx) : undefined;
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      if (int8) return wasmLstmInt8Kernel(op, ctx);
      return float && ctx.dtype(op.inputs[1]) === 'float32' ? wasmLstmKernel(op, ctx) : undefined;
    case 'DEPTHWISE_CONV_2D':
      if (int8) return wasmDepthwiseConv2dInt8Kernel(op, ctx);
      return float && ctx.dtype(op.inputs[1]) === 'float32' ? wasmDepthwiseConv2dKernel(op, ctx) : undefined;
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      if (int8) return wasmMaxPoolInt8Kernel(op, ctx);
      return float ? wasmPool2dKernel(op, ctx) : undefined;
    case 'MEAN':
    case 'REDUCE_MAX':
      if (int8) return wasmMeanInt8Kernel(op, ctx);
      return float ? wasmReduceKernel(op, ctx) : undefined;
    case 'GRU':
      return float && ctx.dtype(op.inputs[1]) === 'float32' ? wasmGruKernel(op, ctx) : undefined;
    default:
      return undefined;
  }
}
