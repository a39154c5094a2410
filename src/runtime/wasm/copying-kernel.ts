/**
 * What the float kernels of the conv-float module share about their instance memory: region
 * alignment, the header, and the run itself: copy the op's input in, make one call, copy the
 * output out, apply a fused activation the module left to TypeScript. Copies are
 * TypedArray.set between views made at creation (both over off-heap buffers), so nothing is
 * allocated per run.
 */
import type { FusedActivation } from '../../graph/types.js';
import type { Kernel } from '../kernels/context.js';
import { applyFused } from '../kernels/float/activation.js';

export interface CopyingKernel {
  /** The op's input and output (arena views). */
  x: Float32Array;
  out: Float32Array;
  /** Their places in the instance memory. */
  input: Float32Array;
  output: Float32Array;
  /** The module's entry, given the header's offset (always 0). */
  run(header: number): void;
  /** Applied to `out` after the copy; NONE when the module applied it. */
  afterwards: FusedActivation;
}

export function copyingKernel({ x, out, input, output, run, afterwards }: CopyingKernel): Kernel {
  return () => {
    input.set(x);
    run(0);
    out.set(output);
    applyFused(afterwards, out);
  };
}

/** Bytes rounded up to a whole number of 16-byte vectors: where the next region may start. */
export const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** Writes a module's header: i32 fields from byte 0, in the module's order. */
export function writeHeader(buffer: ArrayBuffer, fields: readonly number[]): void {
  new Int32Array(buffer, 0, fields.length).set(fields);
}
