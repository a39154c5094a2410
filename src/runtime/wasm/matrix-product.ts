/**
 * The packed-matrix product with the signature of kernels/float/packed-matrix.ts addMatMul,
 * run on the WebAssembly kernel: a drop-in for a float kernel that multiplies a constant
 * matrix with vectors anywhere in its own arrays (an LSTM's gate projections, a
 * convolution's windows). Vectors are copied into the instance's memory and the sums out of it
 * around each product; that memory is sized at creation for at most `maxCount` vectors.
 */
import { createWasmMatMul } from './wasm-matmul.js';

export interface MatrixProduct {
  /**
   * out[outAt + i·outStride + r] += Σ_k M[r, k]·v[vAt + i·vStride + k] for i < count ≤ maxCount
   * (strides may overlap, as a convolution's windows do).
   */
  addMatMul(
    count: number,
    v: Float32Array,
    vAt: number,
    vStride: number,
    out: Float32Array,
    outAt: number,
    outStride: number,
  ): void;
}

/** For the rows × cols matrix row-major in `source`, or undefined without WebAssembly SIMD. */
export function wasmMatrixProduct(
  source: Float32Array,
  rows: number,
  cols: number,
  maxCount: number,
): MatrixProduct | undefined {
  const product = createWasmMatMul(source, rows, cols, maxCount);
  if (product === undefined) return undefined;
  const { input, output, run } = product;
  return {
    addMatMul(count, v, vAt, vStride, out, outAt, outStride) {
      if (count > maxCount) throw new RangeError(`${count} vectors, room for ${maxCount}`);
      for (let i = 0; i < count; i++) {
        const from = vAt + i * vStride;
        const to = i * cols;
        for (let k = 0; k < cols; k++) input[to + k] = v[from + k];
        const sums = outAt + i * outStride;
        for (let r = 0; r < rows; r++) output[i * rows + r] = out[sums + r];
      }
      run(count);
      for (let i = 0; i < count; i++) {
        const sums = outAt + i * outStride;
        for (let r = 0; r < rows; r++) out[sums + r] = output[i * rows + r];
      }
    },
  };
}
