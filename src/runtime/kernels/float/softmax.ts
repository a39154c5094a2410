/**
 * SOFTMAX over the last axis: out = exp(beta·(x - max)) / Σ exp(beta·(x - max)), shifted by the
 * row maximum so exp never overflows, in the trainer's order of operations. Math.exp (which
 * allocates nothing; see transcendental.ts): a softmax is one small row per sample.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';

export function softmaxKernel(op: OpOf<'SOFTMAX'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const shape = ctx.shape(op.inputs[0]);
  const cols = shape.length === 0 ? 1 : shape[shape.length - 1];
  const rows = cols === 0 ? 0 : x.length / cols;
  const beta = op.options.beta;
  return () => {
    for (let r = 0; r < rows; r++) {
      const start = r * cols;
      const end = start + cols;
      let max = -Infinity;
      for (let i = start; i < end; i++) if (x[i] > max) max = x[i];
      let sum = 0;
      for (let i = start; i < end; i++) {
        const e = Math.exp(beta * (x[i] - max));
        out[i] = e;
        sum += e;
      }
      const scale = 1 / sum;
      for (let i = start; i < end; i++) out[i] *= scale;
    }
  };
}
