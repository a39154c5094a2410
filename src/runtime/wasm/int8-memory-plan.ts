/**
 * Where an int8 WebAssembly kernel keeps each buffer in its instance memory: regions handed
 * out in order after its parameter block, each 16-byte aligned and followed by slack, because
 * the SIMD loops read a vector past a row's end and store a whole group of channels past a
 * pixel's last one.
 */
import type { Kernel } from '../kernels/context.js';
import { ByteLayout } from './byte-layout.js';
import { copyThrough } from './copying-kernel.js';

const SLACK = 16;
/** The i32 parameter block the kernel's run reads, at offset 0. */
const PARAMETER_BYTES = 128;

/** A layout whose regions start after the parameter block, each followed by SLACK bytes. */
export function int8Layout(): ByteLayout {
  return new ByteLayout(PARAMETER_BYTES, SLACK);
}

/** Writes the kernel's i32 parameter block (fields in the order its AssemblyScript reads them). */
export function writeParameters(buffer: ArrayBuffer, fields: readonly number[]): void {
  if (fields.length * 4 > PARAMETER_BYTES) throw new RangeError(`${fields.length} parameters do not fit`);
  new Int32Array(buffer, 0, fields.length).set(fields);
}

/**
 * The kernel of an instance whose run reads `x` copied to `inputAt` and writes `out` at
 * `outputAt`: the views are made once, so an invoke allocates nothing.
 */
export function int8CopyingKernel(
  buffer: ArrayBuffer,
  x: Int8Array,
  inputAt: number,
  out: Int8Array,
  outputAt: number,
  run: (parameters: number) => void,
): Kernel {
  const input = new Int8Array(buffer, inputAt, x.length);
  const output = new Int8Array(buffer, outputAt, out.length);
  return copyThrough(x, input, run, output, out);
}
