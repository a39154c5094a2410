/**
 * A constant matrix times vectors, on the WebAssembly SIMD kernel where the engine has it and
 * on the TypeScript packed product otherwise: both sum in the same order in double precision,
 * so the choice never changes a result.
 */
import { wasmMatrixProduct, type MatrixProduct } from '../../wasm/matrix-product.js';
import { addMatMul, packMatrix } from './packed-matrix.js';

export type { MatrixProduct } from '../../wasm/matrix-product.js';

/** For the rows × cols matrix row-major in `source`, multiplied with at most `maxCount` vectors at a time. */
export function matrixProduct(
  source: Float32Array,
  rows: number,
  cols: number,
  maxCount: number,
): MatrixProduct {
  const wasm = wasmMatrixProduct(source, rows, cols, maxCount);
  if (wasm) return wasm;
  const packed = packMatrix(source, rows, cols);
  return {
    addMatMul: (count, v, vAt, vStride, out, outAt, outStride) =>
      addMatMul(packed, count, v, vAt, vStride, out, outAt, outStride),
  };
}
