/**
 * MEAN and REDUCE_MAX on the WebAssembly SIMD kernel (assembly/lib/cf-reduce.ts, in the
 * conv-float module): the computation of kernels/float/reduce.ts, its specification, bit for
 * bit, when the reduced axes are one block of the input once size-1 axes are set aside (a
 * global pool's [batch, positions, channels]); undefined otherwise, so the TypeScript kernel
 * runs (and reports bad axes).
 */
import type { Kernel, KernelContext, OpOf } from '../kernels/context.js';
import { CONV_FLOAT } from './conv-float-layout.js';
import { align } from './byte-layout.js';
import { copyingKernel } from './copying-kernel.js';
import { instantiateKernels } from './kernel-module.js';

interface ReduceExports {
  reduce(header: number): void;
}

/** The header's i32 fields, in the order assembly/lib/cf-reduce.ts reads them. */
const HEADER_FIELDS = ['outer', 'reduced', 'inner', 'maximum', 'inputAt', 'outputAt'] as const;
const HEADER_BYTES = 32;

/** [outer, reduced, inner] sizes, or undefined when the reduced axes are not one block. */
function blockSizes(shape: readonly number[], axes: Int32Array): [number, number, number] | undefined {
  const reduced = new Set<number>();
  for (const axis of axes) {
    if (axis < -shape.length || axis >= shape.length) return undefined;
    reduced.add(axis < 0 ? axis + shape.length : axis);
  }
  const sizes: [number, number, number] = [1, 1, 1];
  // 0: before the reduced block, 1: in it, 2: after it.
  let part = 0;
  for (let axis = 0; axis < shape.length; axis++) {
    if (shape[axis] === 1) continue;
    const inBlock = reduced.has(axis);
    if (inBlock && part === 2) return undefined;
    if (inBlock) part = 1;
    else if (part === 1) part = 2;
    sizes[part] *= shape[axis];
  }
  return sizes;
}

export function wasmReduceKernel(op: OpOf<'MEAN' | 'REDUCE_MAX'>, ctx: KernelContext): Kernel | undefined {
  const x = ctx.float(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const sizes = blockSizes(ctx.shape(op.inputs[0]), ctx.ints(op.inputs[1], 'axes'));
  if (sizes === undefined || sizes[1] === 0) return undefined;
  const [outer, reduced, inner] = sizes;
  const inputAt = HEADER_BYTES;
  const outputAt = inputAt + align(x.length * 4);
  const instance = instantiateKernels<ReduceExports>(CONV_FLOAT, outputAt + out.length * 4);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  const header = { outer, reduced, inner, maximum: op.type === 'REDUCE_MAX' ? 1 : 0, inputAt, outputAt };
  return copyingKernel({ buffer, fields: HEADER_FIELDS, header, x, out }, instance.exports.reduce, 'NONE');
}
