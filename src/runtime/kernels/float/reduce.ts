/**
 * MEAN and REDUCE_MAX over the axes of a constant int32 operand (negative axes count from the
 * end; keepDims only changes the output's shape, not its values). The kept dimensions are
 * walked in output order and, for each output, the reduced ones, the last of them as a plain
 * strided loop (a walk step per value cost more than the sum); sums run in double.
 */
import type { Kernel, KernelContext, OpOf } from '../context.js';
import { contiguousStrides, StridedWalk } from '../strided-walk.js';

export function reduceKernel(op: OpOf<'MEAN' | 'REDUCE_MAX'>, ctx: KernelContext): Kernel {
  const x = ctx.float(op.inputs[0], 'input');
  const out = ctx.float(op.outputs[0], 'output');
  const shape = ctx.shape(op.inputs[0]);
  const reduced = new Set<number>();
  for (const axis of ctx.ints(op.inputs[1], 'axes')) {
    if (axis < -shape.length || axis >= shape.length)
      ctx.fail(`axis ${axis} is outside rank ${shape.length}`, 'Use axes of the input');
    reduced.add(axis < 0 ? axis + shape.length : axis);
  }
  const strides = contiguousStrides(shape);
  const pick = (keep: boolean) => shape.map((_, axis) => axis).filter((axis) => reduced.has(axis) !== keep);
  const kept = pick(true);
  const across = pick(false);
  const outer = new StridedWalk(
    kept.map((axis) => shape[axis]),
    kept.map((axis) => strides[axis]),
  );
  // The reduced axes but the last are walked; the last is each run's strided loop.
  const last = across.length === 0 ? undefined : across[across.length - 1];
  const inner = new StridedWalk(
    across.slice(0, -1).map((axis) => shape[axis]),
    across.slice(0, -1).map((axis) => strides[axis]),
  );
  const runLength = last === undefined ? 1 : shape[last];
  const runStride = last === undefined ? 0 : strides[last];
  const outputs = outer.count;
  const runs = inner.count;
  const count = runs * runLength;
  const mean = op.type === 'MEAN';
  return () => {
    outer.reset();
    for (let o = 0; o < outputs; o++) {
      const base = outer.offset;
      inner.reset();
      let acc = mean ? 0 : -Infinity;
      for (let r = 0; r < runs; r++) {
        for (let j = 0, at = base + inner.offset; j < runLength; j++, at += runStride) {
          const value = x[at];
          if (mean) acc += value;
          else if (value > acc) acc = value;
        }
        inner.advance();
      }
      out[o] = mean ? acc / count : acc;
      outer.advance();
    }
  };
}
