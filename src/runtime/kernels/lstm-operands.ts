/**
 * TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM operand positions (per gate i, f, c, o) and the check
 * both kernels run first: only the standard Keras LSTM (input gate, no peepholes, projection
 * or layer normalisation, tanh cell activation) has a kernel.
 */
import type { KernelContext, OpOf } from './context.js';

export const INPUT_WEIGHTS = [1, 2, 3, 4];
export const RECURRENT_WEIGHTS = [5, 6, 7, 8];
export const GATE_BIASES = [12, 13, 14, 15];
export const OUTPUT_STATE = 18;
export const CELL_STATE = 19;

const VARIANT_OPERANDS: readonly [number, string][] = [
  [9, 'peephole'],
  [10, 'peephole'],
  [11, 'peephole'],
  [16, 'projection'],
  [17, 'projection'],
  [20, 'layer normalisation'],
  [21, 'layer normalisation'],
  [22, 'layer normalisation'],
  [23, 'layer normalisation'],
];

/** Fails naming `kernel` (e.g. 'kernel', 'int8 kernel') unless the op is a standard LSTM. */
export function requireStandardLstm(
  op: OpOf<'UNIDIRECTIONAL_SEQUENCE_LSTM'>,
  ctx: KernelContext,
  kernel: string,
): void {
  const inputs = op.inputs;
  if ((inputs[INPUT_WEIGHTS[0]] ?? -1) < 0)
    ctx.fail(`an LSTM without input gate (CIFG) has no ${kernel}`, 'Use a standard LSTM');
  for (const [position, feature] of VARIANT_OPERANDS) {
    if ((inputs[position] ?? -1) >= 0)
      ctx.fail(`an LSTM with ${feature} has no ${kernel}`, 'Use a standard (Keras) LSTM');
  }
  if (op.options.fusedActivation !== 'TANH') {
    ctx.fail(
      `LSTM cell activation ${op.options.fusedActivation} has no ${kernel}`,
      'Use tanh, as Keras LSTMs do',
    );
  }
}
