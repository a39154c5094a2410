/**
 * What the float kernels of the conv-float module share about their instance memory: region
 * alignment, the header (written at creation), and the run itself: copy the op's input in, make one call, copy the
 * output out, apply a fused activation the module left to TypeScript. Copies are
 * TypedArray.set between views made at creation (both over off-heap buffers), so nothing is
 * allocated per run.
 */
import type { FusedActivation } from '../../graph/types.js';
import type { Kernel } from '../kernels/context.js';
import { applyFused } from '../kernels/float/activation.js';
import type { AxisWindow } from '../kernels/float/window.js';

export interface CopyingKernel<Field extends string> {
  /** The instance memory; the header's i32 fields, in the module's order, and their values. */
  buffer: ArrayBuffer;
  fields: readonly Field[];
  header: Record<Field, number>;
  /** The op's input and output (arena views), and their byte offsets in the instance memory. */
  x: Float32Array;
  out: Float32Array;
  inputAt: number;
  outputAt: number;
  /** The module's entry, given the header's offset (always 0). */
  run(header: number): void;
  /** Applied to `out` after the copy; NONE when the module applied it. */
  afterwards: FusedActivation;
}

/** Writes the header at byte 0, then makes the kernel (its views made once: an invoke allocates nothing). */
export function copyingKernel<Field extends string>(setup: CopyingKernel<Field>): Kernel {
  const { buffer, fields, header, x, out, run, afterwards } = setup;
  new Int32Array(buffer, 0, fields.length).set(fields.map((field) => header[field]));
  const input = new Float32Array(buffer, setup.inputAt, x.length);
  const output = new Float32Array(buffer, setup.outputAt, out.length);
  return () => {
    input.set(x);
    run(0);
    out.set(output);
    applyFused(afterwards, out);
  };
}

/** Bytes rounded up to a whole number of 16-byte vectors: where the next region may start. */
export const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/** The header fields of a windowed op's NHWC input and output (convolutions, pools). */
export function spatialFields(
  batch: number,
  channels: number,
  rows: AxisWindow,
  cols: AxisWindow,
): Record<'batch' | 'inH' | 'inW' | 'channels' | 'outH' | 'outW', number> {
  return { batch, inH: rows.size, inW: cols.size, channels, outH: rows.out, outW: cols.out };
}
