/**
 * The run of a WebAssembly kernel whose input and output live in its own instance memory:
 * copy the op's input in, make one call, copy the output out, apply a fused activation the
 * module left to TypeScript. Copies are TypedArray.set between views made at creation (both
 * backed by off-heap buffers), so nothing is allocated per run.
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

/** Writes a module's header: i32 fields from byte 0, in the module's order. */
export function writeHeader(buffer: ArrayBuffer, fields: readonly number[]): void {
  new Int32Array(buffer, 0, fields.length).set(fields);
}
