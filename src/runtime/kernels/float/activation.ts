/**
 * Elementwise activations: TFLite's fused activation functions (applied to an op's output in
 * place) and the standalone LOGISTIC / TANH / RELU / RELU6 ops.
 */
import type { FusedActivation } from '../../../graph/types.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { sigmoidRange, tanhRange } from './transcendental.js';

export type ActivationKind = FusedActivation | 'LOGISTIC';

/** out[i] = f(x[i]) for i < length; out may be x. One loop per kind, chosen once per call. */
export function activate(kind: ActivationKind, x: Float32Array, out: Float32Array, length: number): void {
  switch (kind) {
    case 'NONE': // only ever fused, and then applyFused skips it
      return;
    case 'RELU':
      for (let i = 0; i < length; i++) out[i] = x[i] > 0 ? x[i] : 0;
      return;
    case 'RELU6':
      for (let i = 0; i < length; i++) out[i] = Math.min(Math.max(x[i], 0), 6);
      return;
    case 'RELU_N1_TO_1':
      for (let i = 0; i < length; i++) out[i] = Math.min(Math.max(x[i], -1), 1);
      return;
    case 'TANH':
      tanhRange(x, out, 0, length);
      return;
    case 'LOGISTIC':
      sigmoidRange(x, out, 0, length);
      return;
  }
}

/** Applies an op's fused activation to its whole output; nothing to do for NONE. */
export function applyFused(kind: FusedActivation, output: Float32Array): void {
  if (kind !== 'NONE') activate(kind, output, output, output.length);
}

/** The fused activation option checked once, so an unknown value fails at construction. */
export function fusedActivation(ctx: KernelContext, kind: FusedActivation): FusedActivation {
  if (!['NONE', 'RELU', 'RELU6', 'RELU_N1_TO_1', 'TANH'].includes(kind)) {
    ctx.fail(`fused activation '${String(kind)}' is unknown`, 'Use NONE, RELU, RELU6, RELU_N1_TO_1 or TANH');
  }
  return kind;
}

/** LOGISTIC, TANH, RELU, RELU6 as ops (possibly in place: the planner may give output the input's bytes). */
export function activationKernel(
  op: OpOf<'LOGISTIC' | 'TANH' | 'RELU' | 'RELU6'>,
  ctx: KernelContext,
): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const kind = op.type;
  return () => activate(kind, x, out, out.length);
}
