/**
 * int8 MAX_POOL_2D / AVERAGE_POOL_2D as TFLite's reference kernels: over the window's taps
 * inside the input, the maximum, or the sum divided by the tap count rounding half away from
 * zero (C integer division); then the fused activation's clamp. Input and output share
 * scale and zero point, so no rescaling happens.
 */
import { clamp } from '../../../quant/arith/int32.js';
import { activationRange, INT8_RANGE, type QuantizedRange } from '../../../quant/params.js';
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { firstInput, tapCount } from '../float/window.js';
import { poolGeometry, type PoolGeometry } from '../pool-geometry.js';
import { derive, int8, quantOf, requireSameQuantization } from './operands.js';

/** TFLite's rounded integer average: (sum ± count / 2) / count, truncating. */
export function roundedAverage(sum: number, count: number): number {
  const half = Math.trunc(count / 2);
  return Math.trunc(sum > 0 ? (sum + half) / count : (sum - half) / count);
}

export function pool2dInt8(
  g: PoolGeometry,
  x: Int8Array,
  out: Int8Array,
  max: boolean,
  range: QuantizedRange,
): void {
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
        for (let c = 0; c < channels; c++) {
          let acc = max ? INT8_RANGE.min : 0;
          for (let i = 0; i < yCount; i++) {
            for (let j = 0, k = inAt + c + i * rowStep; j < xCount; j++, k += channels) {
              if (!max) acc += x[k];
              else if (x[k] > acc) acc = x[k];
            }
          }
          const value = max ? acc : roundedAverage(acc, yCount * xCount);
          out[outAt + c] = clamp(value, range.min, range.max);
        }
      }
    }
  }
}

/** The operands of an int8 pool (shared with the WebAssembly kernel): views and the activation's clamp. */
export function poolInt8Operands(
  op: OpOf<'MAX_POOL_2D' | 'AVERAGE_POOL_2D'>,
  ctx: KernelContext,
): { x: Int8Array; out: Int8Array; range: QuantizedRange } {
  const input = op.inputs[0];
  const output = op.outputs[0];
  const x = int8(ctx, input, 'input');
  const out = int8(ctx, output, 'output');
  requireSameQuantization(ctx, input, output, 'int8 pooling does not rescale');
  const { scale, zeroPoint } = quantOf(ctx, output, 'output');
  const range = derive(ctx, () => activationRange(op.options.fusedActivation, scale, zeroPoint, INT8_RANGE));
  return { x, out, range };
}

export function pool2dInt8Kernel(op: OpOf<'MAX_POOL_2D' | 'AVERAGE_POOL_2D'>, ctx: KernelContext): Kernel {
  const { x, out, range } = poolInt8Operands(op, ctx);
  const geometry = poolGeometry(op, ctx);
  const max = op.type === 'MAX_POOL_2D';
  return () => pool2dInt8(geometry, x, out, max, range);
}
