/**
 * The WebAssembly SIMD kernel for an op, or undefined when it has none, SIMD is unavailable
 * or the kernels are switched off: createKernel then falls back to the TypeScript kernel,
 * which stays the specification (float results within 1e-6 relative, int8 bit-exact).
 */
import type { OpDef } from '../../graph/types.js';
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
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

/** The ops whose WebAssembly kernels need float32 weights (input 1). */
type WeightedOp =
  'FULLY_CONNECTED' | 'CONV_2D' | 'UNIDIRECTIONAL_SEQUENCE_LSTM' | 'DEPTHWISE_CONV_2D' | 'GRU';

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
  if (runsInt8(op, ctx)) return int8WasmKernel(op, ctx);
  return ctx.dtype(op.inputs[0]) === 'float32' ? floatWasmKernel(op, ctx) : undefined;
}

function int8WasmKernel(op: OpDef, ctx: KernelContext): Kernel | undefined {
  switch (op.type) {
    case 'FULLY_CONNECTED':
      return wasmFullyConnectedInt8Kernel(op, ctx);
    case 'CONV_2D':
      return wasmConv2dInt8Kernel(op, ctx);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return wasmLstmInt8Kernel(op, ctx);
    case 'DEPTHWISE_CONV_2D':
      return wasmDepthwiseConv2dInt8Kernel(op, ctx);
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return wasmMaxPoolInt8Kernel(op, ctx);
    case 'MEAN':
    case 'REDUCE_MAX':
      return wasmMeanInt8Kernel(op, ctx);
    default:
      return undefined;
  }
}

function floatWasmKernel(op: OpDef, ctx: KernelContext): Kernel | undefined {
  switch (op.type) {
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D':
      return wasmPool2dKernel(op, ctx);
    case 'MEAN':
    case 'REDUCE_MAX':
      return wasmReduceKernel(op, ctx);
    case 'FULLY_CONNECTED':
    case 'CONV_2D':
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
    case 'DEPTHWISE_CONV_2D':
    case 'GRU':
      // Other weights (hybrid, weight-only int8) run on the TypeScript kernels.
      return ctx.dtype(op.inputs[1]) === 'float32' ? floatWeightsKernel(op, ctx) : undefined;
    default:
      return undefined;
  }
}

function floatWeightsKernel(op: OpOf<WeightedOp>, ctx: KernelContext): Kernel | undefined {
  switch (op.type) {
    case 'FULLY_CONNECTED':
      return wasmFullyConnectedKernel(op, ctx);
    case 'CONV_2D':
      return wasmConv2dKernel(op, ctx);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return wasmLstmKernel(op, ctx);
    case 'DEPTHWISE_CONV_2D':
      return wasmDepthwiseConv2dKernel(op, ctx);
    case 'GRU':
      return wasmGruKernel(op, ctx);
  }
}
