/**
 * DEQUANTIZE of float16 weights (IEEE half bits) to float32, as TFLite's DEQUANTIZE does for
 * float16 models. Its input is a constant, so the float32 values are decoded once when the
 * interpreter is created; each invoke copies them into the op's planned output tensor (the
 * arena reuses those bytes once the weights' last reader has run).
 */
import { halfBitsToFloat } from '../../quant/weight-only/float16-bits.js';
import type { OpDef } from '../../graph/types.js';
import type { Kernel, KernelContext } from './context.js';

/** `op` is a DEQUANTIZE whose input is float16. */
export function dequantizeFloat16Kernel(op: Pick<OpDef, 'inputs' | 'outputs'>, ctx: KernelContext): Kernel {
  const half = ctx.view(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  if (!(half instanceof Uint16Array) || half.length !== out.length) {
    ctx.fail(
      `input ${ctx.describe(op.inputs[0])} is not float16 data of the output's size`,
      'Store float16 weights as a Uint16Array of half bits with the output shape',
    );
  }
  const decoded = Float32Array.from(half, halfBitsToFloat);
  // Also written now: kernels created after this one that pack their weights when they are
  // created (the float LSTM) read them from here. float16Graph puts every DEQUANTIZE first,
  // so all their outputs are live together and none overwrites another.
  out.set(decoded);
  return () => out.set(decoded);
}
