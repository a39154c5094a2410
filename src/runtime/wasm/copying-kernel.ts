/**
 * What the float kernels of the conv-float module share about their instance memory: the
 * header (written at creation), and the run itself: copy the op's input in, make one call, copy the
 * output out, apply a fused activation the module left to TypeScript. Copies are
 * TypedArray.set between views made at creation (both over off-heap buffers), so nothing is
 * allocated per run.
 */
import type { FusedActivation } from '../../graph/types.js';
import type { Kernel } from '../kernels/context.js';
import { applyFused } from '../kernels/float/activation.js';
import type { AxisWindow } from '../kernels/float/window.js';

/** An instance memory with its header, and the op's input and output (arena views). */
export interface HeaderedMemory<Field extends string> {
  buffer: ArrayBuffer;
  /** The header's i32 fields in the module's order, and their values (where input and output go among them). */
  fields: readonly Field[];
  header: Record<Field | 'inputAt' | 'outputAt', number>;
  x: Float32Array;
  out: Float32Array;
}

/**
 * Writes the header at byte 0, then makes the kernel: `run` (given the header's offset, 0)
 * between the copies, `afterwards` applied to `out` (NONE when the module applied the
 * activation). Views are made once: an invoke allocates nothing.
 */
export function copyingKernel<Field extends string>(
  memory: HeaderedMemory<Field>,
  run: (header: number) => void,
  afterwards: FusedActivation,
): Kernel {
  const { buffer, fields, header, x, out } = memory;
  new Int32Array(buffer, 0, fields.length).set(fields.map((field) => header[field]));
  const input = new Float32Array(buffer, header.inputAt, x.length);
  const output = new Float32Array(buffer, header.outputAt, out.length);
  return copyThrough(x, input, run, output, out, () => applyFused(afterwards, out));
}

/**
 * The run every copying kernel makes: `x` into the instance's `input` view, one call (its
 * parameters at byte 0), the instance's `output` view out to `out`, then `afterwards`.
 */
export function copyThrough<View extends Float32Array | Int8Array>(
  x: View,
  input: View,
  run: (parameters: number) => void,
  output: View,
  out: View,
  afterwards?: () => void,
): Kernel {
  return () => {
    input.set(x);
    run(0);
    out.set(output);
    afterwards?.();
  };
}

/** The header fields of a windowed op's NHWC input and output (convolutions, pools). */
export function spatialFields(
  batch: number,
  channels: number,
  rows: AxisWindow,
  cols: AxisWindow,
): Record<'batch' | 'inH' | 'inW' | 'channels' | 'outH' | 'outW', number> {
  return { batch, inH: rows.size, inW: cols.size, channels, outH: rows.out, outW: cols.out };
}
