/**
 * int8 MAX_POOL_2D on WebAssembly SIMD (assembly/lib/ci-pool.ts), bit for bit
 * kernels/int8/pool-2d.ts. The input goes into a buffer bordered with -128 (set once here), or
 * straight into place when the padding adds no gaps between its rows; one call per invoke.
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { poolInt8Operands } from '../kernels/int8/pool-2d.js';
import { poolGeometry } from '../kernels/pool-geometry.js';
import { CONV_INT8, type ConvInt8Exports } from './conv-int8.js';
import { int8CopyingKernel, int8Layout, writeParameters } from './int8-memory-plan.js';
import { paddedInput } from './int8-padded-input.js';
import { instantiateKernels } from './kernel-module.js';

/** MAX_POOL_2D with int8 input: the kernel, or undefined (AVERAGE_POOL_2D: the TypeScript kernel runs). */
export function wasmMaxPoolInt8Kernel(
  op: OpOf<'MAX_POOL_2D' | 'AVERAGE_POOL_2D'>,
  ctx: KernelContext,
): Kernel | undefined {
  if (op.type !== 'MAX_POOL_2D') return undefined;
  const { x, out, range } = poolInt8Operands(op, ctx);
  const windows = poolGeometry(op, ctx);
  const { batch, channels, rows, cols } = windows;
  const padded = paddedInput(windows, 1);
  const plan = int8Layout();
  const paddedAt = plan.take(padded.bytes);
  const interiorAt = paddedAt + padded.interior;
  const inputAt = padded.contiguous ? interiorAt : plan.take(x.length);
  const outputAt = plan.take(out.length);
  const instance = instantiateKernels<ConvInt8Exports>(CONV_INT8, plan.bytes);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  new Int8Array(buffer, paddedAt, padded.bytes).fill(-128);
  // In the order of the fields in assembly/lib/ci-pool.ts.
  writeParameters(buffer, [
    inputAt,
    batch,
    rows.size,
    cols.size * channels,
    interiorAt,
    padded.rowPitch,
    padded.batchPitch,
    rows.out,
    cols.out,
    rows.stride * padded.rowPitch,
    cols.stride * channels,
    rows.kernel,
    cols.kernel,
    channels,
    outputAt,
    range.min,
    range.max,
    paddedAt,
  ]);
  return int8CopyingKernel(buffer, x, inputAt, out, outputAt, instance.exports.maxPool);
}
