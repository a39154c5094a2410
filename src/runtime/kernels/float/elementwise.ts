/**
 * ADD, SUB and MUL with numpy broadcasting (a dimension of 1, or a missing leading one,
 * repeats), then the fused activation. Operands are viewed through strides (0 along a
 * repeated dimension); neighbouring dimensions that both operands step through alike merge,
 * so same-shape operands are one flat loop and a per-channel vector is rows of the last axis.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { contiguousStrides, StridedWalk } from '../strided-walk.js';
import { applyFused, fusedActivation } from './activation.js';

type Arithmetic = 'ADD' | 'SUB' | 'MUL';

export function elementwiseKernel(op: OpOf<Arithmetic>, ctx: KernelContext): Kernel {
  const a = ctx.float(op.inputs[0], 'input 0');
  const b = ctx.float(op.inputs[1], 'input 1');
  const out = ctx.float(op.outputs[0], 'output');
  const layout = broadcastLayout(ctx.shape(op.inputs[0]), ctx.shape(op.inputs[1]), ctx.shape(op.outputs[0]));
  const outer = new StridedWalk(layout.sizes.slice(0, -1), layout.aStrides.slice(0, -1));
  const outerB = new StridedWalk(layout.sizes.slice(0, -1), layout.bStrides.slice(0, -1));
  const rows = outer.count;
  const rowLength = layout.sizes[layout.sizes.length - 1];
  const aStep = layout.aStrides[layout.aStrides.length - 1];
  const bStep = layout.bStrides[layout.bStrides.length - 1];
  const kind = op.type;
  const activation = fusedActivation(ctx, op.options.fusedActivation);
  return () => {
    outer.reset();
    outerB.reset();
    for (let r = 0, at = 0; r < rows; r++, at += rowLength) {
      combineRow(kind, a, outer.offset, aStep, b, outerB.offset, bStep, out, at, rowLength);
      outer.advance();
      outerB.advance();
    }
    applyFused(activation, out);
  };
}

/** out[at + i] = a[aAt + i·aStep] ∘ b[bAt + i·bStep]; one loop per operation. */
function combineRow(
  kind: Arithmetic,
  a: Float32Array,
  aAt: number,
  aStep: number,
  b: Float32Array,
  bAt: number,
  bStep: number,
  out: Float32Array,
  at: number,
  length: number,
): void {
  switch (kind) {
    case 'ADD':
      for (let i = 0; i < length; i++) out[at + i] = a[aAt + i * aStep] + b[bAt + i * bStep];
      return;
    case 'SUB':
      for (let i = 0; i < length; i++) out[at + i] = a[aAt + i * aStep] - b[bAt + i * bStep];
      return;
    case 'MUL':
      for (let i = 0; i < length; i++) out[at + i] = a[aAt + i * aStep] * b[bAt + i * bStep];
      return;
  }
}

interface BroadcastLayout {
  /** Output dimensions after merging; at least one. */
  sizes: number[];
  aStrides: number[];
  bStrides: number[];
}

/** Both operands' strides over the output's dimensions, with mergeable neighbours merged. */
export function broadcastLayout(
  aShape: readonly number[],
  bShape: readonly number[],
  outShape: readonly number[],
): BroadcastLayout {
  const rank = outShape.length;
  const stridesOver = (shape: readonly number[]): number[] => {
    const padded = [...new Array<number>(rank - shape.length).fill(1), ...shape];
    const contiguous = contiguousStrides(padded);
    return padded.map((size, axis) => (size === 1 && outShape[axis] !== 1 ? 0 : contiguous[axis]));
  };
  const aAll = stridesOver(aShape);
  const bAll = stridesOver(bShape);
  const sizes: number[] = [1];
  const aStrides: number[] = [0];
  const bStrides: number[] = [0];
  for (let axis = 0; axis < rank; axis++) {
    const last = sizes.length - 1;
    const size = outShape[axis];
    // Dimension `axis` continues the previous one when both operands step through them as one.
    const merges = aStrides[last] === aAll[axis] * size && bStrides[last] === bAll[axis] * size;
    if (merges || sizes[last] === 1) {
      sizes[last] *= size;
      aStrides[last] = aAll[axis];
      bStrides[last] = bAll[axis];
    } else {
      sizes.push(size);
      aStrides.push(aAll[axis]);
      bStrides.push(bAll[axis]);
    }
  }
  return { sizes, aStrides, bStrides };
}
