/**
 * A constant matrix packed into WebAssembly memory with room for the vectors it multiplies,
 * all in one instance's memory, laid out once at creation: out_i = start_i + M·v_i for
 * `count` vectors, started from what out holds (run) or from a bias row (runFromBias). The
 * packed layout is the contract with assembly/packed-matvec.ts: panels of PANEL rows, each
 * stored column by column as float64 with the panel's values of one column adjacent (four f64x2
 * loads), the last panel padded with zero rows.
 */
import { WASM_BASE64 } from './generated/packed-matvec.generated.js';
import { align } from './byte-layout.js';
import { instantiateKernels, type KernelModuleSource } from './kernel-module.js';

export const PACKED_MATVEC: KernelModuleSource = { name: 'packed-matvec', base64: WASM_BASE64 };

/** The module's exports: see assembly/packed-matvec.ts for the contract (offsets in bytes). */
interface PackedMatVecExports {
  matMul(
    m: number,
    rows: number,
    cols: number,
    count: number,
    v: number,
    vStride: number,
    out: number,
    outStride: number,
    start: number,
    startStride: number,
  ): void;
}

const PANEL = 8;
const FLOAT_BYTES = 4;
const DOUBLE_BYTES = 8;

export interface WasmMatMul {
  /** count × cols floats: the vectors, written by the caller before a run. */
  readonly input: Float32Array;
  /** count × rows floats: where the results go. */
  readonly output: Float32Array;
  /** rows floats, zero until the caller writes them: every vector's start in runFromBias. */
  readonly bias: Float32Array;
  /** output_i += M·v_i for the first `vectors` vectors (at most count). */
  run(vectors: number): void;
  /** output_i = bias + M·v_i for the first `vectors` vectors (at most count). */
  runFromBias(vectors: number): void;
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
  const packedValues = Math.ceil(rows / PANEL) * cols * PANEL;
  const inputAt = packedValues * DOUBLE_BYTES;
  const outputAt = inputAt + align(count * cols * FLOAT_BYTES);
  const biasAt = outputAt + align(count * rows * FLOAT_BYTES);
  const instance = instantiateKernels<PackedMatVecExports>(PACKED_MATVEC, biasAt + rows * FLOAT_BYTES);
  if (instance === undefined) return undefined;
  const { buffer } = instance.memory;
  const packed = new Float64Array(buffer, 0, packedValues);
  for (let r = 0; r < rows; r++) {
    const panelAt = Math.floor(r / PANEL) * cols * PANEL + (r % PANEL);
    for (let k = 0; k < cols; k++) packed[panelAt + k * PANEL] = source[at + r * rowStride + k];
  }
  const { matMul } = instance.exports;
  return {
    input: new Float32Array(buffer, inputAt, count * cols),
    output: new Float32Array(buffer, outputAt, count * rows),
    bias: new Float32Array(buffer, biasAt, rows),
    run: (vectors) => matMul(0, rows, cols, vectors, inputAt, cols, outputAt, rows, outputAt, rows),
    runFromBias: (vectors) => matMul(0, rows, cols, vectors, inputAt, cols, outputAt, rows, biasAt, 0),
  };
}
