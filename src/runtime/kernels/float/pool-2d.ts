/**
 * MAX_POOL_2D and AVERAGE_POOL_2D on NHWC, per channel. Padded positions never count: max
 * ignores them and the average divides by the number of real inputs under the window, as
 * TFLite and Keras do.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { applyFused, fusedActivation } from './activation.js';
import { poolGeometry, type PoolGeometry } from '../pool-geometry.js';
import { firstInput, tapCount } from './window.js';

export function pool2dKernel(op: OpOf<'MAX_POOL_2D' | 'AVERAGE_POOL_2D'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const geometry = poolGeometry(op, ctx);
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  const max = op.type === 'MAX_POOL_2D';
  return () => {
    pool(geometry, x, out, max);
    applyFused(activation, out);
  };
}

function pool(g: PoolGeometry, x: Float32Array, out: Float32Array, max: boolean): void {
  const { rows, cols, channels } = g;
  const rowStep = cols.size * channels;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const yFirst = firstInput(rows, oy);
      const yCount = tapCount(rows, oy);
      for (let ox = 0; ox < cols.out; ox++) {
        const xFirst = firstInput(cols, ox);
        const xCount = tapCount(cols, ox);
        const inAt = ((b * rows.size + yFirst) * cols.size + xFirst) * channels;
        const outAt = ((b * rows.out + oy) * cols.out + ox) * channels;
        if (max) windowMax(x, inAt, yCount, xCount, rowStep, channels, out, outAt);
        else {
          for (let c = 0; c < channels; c++)
            windowAverage(x, inAt + c, yCount, xCount, rowStep, channels, out, outAt + c);
        }
      }
    }
  }
}

/**
 * out[outAt + c] = the largest value of channel c under the window, for every channel at once:
 * the channel loop runs innermost, over adjacent values in NHWC (one channel at a time strided
 * through the window measured three times slower at batch 64).
 */
function windowMax(
  x: Float32Array,
  at: number,
  ys: number,
  xs: number,
  rowStep: number,
  channels: number,
  out: Float32Array,
  outAt: number,
): void {
  for (let c = 0; c < channels; c++) out[outAt + c] = -Infinity;
  for (let i = 0; i < ys; i++) {
    for (let j = 0, k = at + i * rowStep; j < xs; j++, k += channels) {
      for (let c = 0; c < channels; c++) {
        const value = x[k + c];
        if (value > out[outAt + c]) out[outAt + c] = value;
      }
    }
  }
}

/** out[outAt] = the mean of ys rows of xs values at `at`. */
function windowAverage(
  x: Float32Array,
  at: number,
  ys: number,
  xs: number,
  rowStep: number,
  colStep: number,
  out: Float32Array,
  outAt: number,
): void {
  let sum = 0;
  for (let i = 0; i < ys; i++) {
    for (let j = 0, k = at + i * rowStep; j < xs; j++, k += colStep) sum += x[k];
  }
  out[outAt] = sum / (ys * xs);
}
