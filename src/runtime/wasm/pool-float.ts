/**
 * MAX_POOL_2D and AVERAGE_POOL_2D on the WebAssembly SIMD kernel (assembly/lib/cf-pool.ts, in
 * the conv-float module): the computation of kernels/float/pool-2d.ts, its specification, bit
 * for bit. Each output row's and column's window (first input, count, padding cut off) goes
 * into the instance's memory at creation; runs go as copying-kernel.ts says, the fused
 * activation applied after the copy out as the TypeScript kernel does.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { fusedActivation } from '../kernels/float/activation.js';
import { firstInput, tapCount, type AxisWindow } from '../kernels/float/window.js';
import { poolGeometry } from '../kernels/pool-geometry.js';
import { CONV_FLOAT } from './conv-float-layout.js';
import { align } from './byte-layout.js';
import { copyingKernel, spatialFields } from './copying-kernel.js';
import { instantiateKernels } from './kernel-module.js';

interface PoolExports {
  pool(header: number): void;
}

/** The header's i32 fields, in the order assembly/lib/cf-pool.ts reads them (4 bytes each). */
const HEADER_FIELDS = [
  'batch',
  'inH',
  'inW',
  'channels',
  'outH',
  'outW',
  'average',
  'inputAt',
  'outputAt',
  'rowFirstAt',
  'rowCountAt',
  'colFirstAt',
  'colCountAt',
] as const;
const HEADER_BYTES = 64;

/** The kernel, or undefined when WebAssembly SIMD is unavailable or switched off. */
export function wasmPool2dKernel(
  op: OpOf<'MAX_POOL_2D' | 'AVERAGE_POOL_2D'>,
  ctx: KernelContext,
): Kernel | undefined {
  const x = ctx.float(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  const { batch, channels, rows, cols } = poolGeometry(op, ctx);
  const rowFirstAt = HEADER_BYTES;
  const rowCountAt = rowFirstAt + align(rows.out * 4);
  const colFirstAt = rowCountAt + align(rows.out * 4);
  const colCountAt = colFirstAt + align(cols.out * 4);
  const inputAt = colCountAt + align(cols.out * 4);
  const outputAt = inputAt + align(x.length * 4);
  const instance = instantiateKernels<PoolExports>(CONV_FLOAT, outputAt + out.length * 4);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  const header = {
    ...spatialFields(batch, channels, rows, cols),
    average: op.type === 'AVERAGE_POOL_2D' ? 1 : 0,
    inputAt,
    outputAt,
    rowFirstAt,
    rowCountAt,
    colFirstAt,
    colCountAt,
  };
  const windows = (w: AxisWindow, firstAt: number, countAt: number) => {
    const first = new Int32Array(buffer, firstAt, w.out);
    const count = new Int32Array(buffer, countAt, w.out);
    for (let o = 0; o < w.out; o++) {
      first[o] = firstInput(w, o);
      count[o] = tapCount(w, o);
    }
  };
  windows(rows, rowFirstAt, rowCountAt);
  windows(cols, colFirstAt, colCountAt);
  return copyingKernel({ buffer, fields: HEADER_FIELDS, header, x, out }, instance.exports.pool, activation);
}
