/**
 * A constant matrix packed into WebAssembly memory with room for the vectors it multiplies:
 * out_i += M·v_i for `count` vectors, all in one instance's memory, laid out once at creation.
 * The packed layout is the contract with assembly/packed-matvec.ts: panels of PANEL rows, each
 * stored column by column with the panel's values of one column adjacent (two f32x4 loads), the
 * last panel padded with zero rows.
 */
import { WASM_BASE64 } from './generated/packed-matvec.generated.js';
import { instantiateKernels, type KernelModuleSource } from './kernel-module.js';

export const PACKED_MATVEC: KernelModuleSource = { name: 'packed-matvec', base64: WASM_BASE64 };

/** The module's exports: see assembly/packed-matvec.ts for the contract (offsets in bytes). */
interface PackedMatVecExports {
  addMatMul(
    m: number,
    rows: number,
    cols: number,
    count: number,
    v: number,
    vStride: number,
    out: number,
    outStride: number,
  ): void;
}

const PANEL = 8;
const FLOAT_BYTES = 4;

export interface WasmMatMul {
  /** count × cols floats: the vectors, written by the caller before `run`. */
  readonly input: Float32Array;
  /** count × rows floats: the products are added to what the caller left here. */
  readonly output: Float32Array;
  /** The products of the first `vectors` vectors (at most count). */
  run(vectors: number): void;
}

/**
 * For the rows × cols matrix whose row r, column k is source[at + r·rowStride + k], or
 * undefined when WebAssembly SIMD is unavailable (the caller keeps its TypeScript kernel).
 */
export function createWasmMatMul(
  source: Float32Array,
  rows: number,
  cols: number,
  count: number,
  at = 0,
  rowStride = cols,
): WasmMatMul | undefined {
  const packedFloats = Math.ceil(rows / PANEL) * cols * PANEL;
  const inputAt = packedFloats * FLOAT_BYTES;
  const outputAt = inputAt + count * cols * FLOAT_BYTES;
  const instance = instantiateKernels<PackedMatVecExports>(
    PACKED_MATVEC,
    outputAt + count * rows * FLOAT_BYTES,
  );
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  const packed = new Float32Array(buffer, 0, packedFloats);
  for (let r = 0; r < rows; r++) {
    const panelAt = Math.floor(r / PANEL) * cols * PANEL + (r % PANEL);
    for (let k = 0; k < cols; k++) packed[panelAt + k * PANEL] = source[at + r * rowStride + k];
  }
  const kernels = instance.exports;
  return {
    input: new Float32Array(buffer, inputAt, count * cols),
    output: new Float32Array(buffer, outputAt, count * rows),
    run: (vectors) => kernels.addMatMul(0, rows, cols, vectors, inputAt, cols, outputAt, rows),
  };
}
