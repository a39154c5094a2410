/**
 * Dynamic-range ("hybrid") kernels: float32 activations, int8 weights. An op runs hybrid when
 * its input is float32 and its weights are int8 (see runsHybrid); the interpreter's kernel
 * factory asks here after the int8 kernels. GRUs are unrolled into FULLY_CONNECTED and
 * elementwise ops before dynamic-range quantization (src/quant/weight-only), so GRU has none.
 */
import type { OpDef } from '../../../graph/types.js';
import type { Kernel, KernelContext } from '../context.js';
import { convHybridKernel } from './conv-2d.js';
import { fullyConnectedHybridKernel } from './fully-connected.js';
import { lstmHybridKernel } from './lstm.js';

const HYBRID_OPS: ReadonlySet<OpDef['type']> = new Set<OpDef['type']>([
  'FULLY_CONNECTED',
  'CONV_2D',
  'DEPTHWISE_CONV_2D',
  'UNIDIRECTIONAL_SEQUENCE_LSTM',
]);

/** Operand 1 is the weights of all four (the LSTM's input-to-input weights). */
export function runsHybrid(op: OpDef, ctx: KernelContext): boolean {
  const [input = -1, weights = -1] = op.inputs;
  return (
    HYBRID_OPS.has(op.type) &&
    input >= 0 &&
    weights >= 0 &&
    ctx.dtype(input) === 'float32' &&
    ctx.dtype(weights) === 'int8'
  );
}

export function createHybridKernel(op: OpDef, ctx: KernelContext): Kernel {
  switch (op.type) {
    case 'FULLY_CONNECTED':
      return fullyConnectedHybridKernel(op, ctx);
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D':
      return convHybridKernel(op, ctx);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return lstmHybridKernel(op, ctx);
    default:
      return ctx.fail(
        `operator ${op.type} has no hybrid (float activations, int8 weights) kernel`,
        'Keep its weights float32, or quantize the whole model to int8',
      );
  }
}
