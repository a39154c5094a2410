/**
 * The matrix products the layers call: float32 products run on the WebAssembly SIMD kernel
 * (assembly/train-gemm.ts), which sums like gemm.ts (double, sequential over k, rounded once)
 * and so gives the same bits; Float64Array (gradient checks), tiny products, engines without
 * SIMD and useWasmKernels(false) run gemm.ts itself.
 *
 * Operands are copied into one instance's memory per product (TypedArray.set: memcpy speed),
 * packed there into f64 panels, multiplied, and C copied back. The memory is sized for the
 * largest product seen so far: a larger one replaces the instance (views are made per call).
 */
import { WASM_BASE64 } from '../../runtime/wasm/generated/train-gemm.generated.js';
import {
  instantiateKernels,
  wasmKernelsEnabled,
  type KernelModuleSource,
  type WasmKernelInstance,
} from '../../runtime/wasm/kernel-module.js';
import type { FloatArray } from '../tensor.js';
import { gemm as typescriptGemm, gemmStrides, type Gemm, type VariantGemm } from './gemm.js';
import { align16, FLOAT_BYTES, MAX_INSTANCE_BYTES, panelBytes, type PanelPacker } from './wasm-panels.js';

export const TRAIN_GEMM: KernelModuleSource = { name: 'train-gemm', base64: WASM_BASE64 };

/** See assembly/train-gemm.ts; pointers are byte offsets, strides and sizes in floats. */
interface TrainGemmExports extends PanelPacker {
  addProduct(m: number, n: number, k: number, a: number, b: number, c: number): void;
}

/** Below this many multiply-adds the copies cost more than the TypeScript kernel. */
const MIN_WASM_WORK = 2048;

let kernels: WasmKernelInstance<TrainGemmExports> | undefined;
/** Set once the engine turned out to lack WebAssembly SIMD. */
let unavailable = false;

/** An instance with at least `bytes` of memory (a fresh, twice as large one when it must grow). */
function instanceFor(bytes: number): WasmKernelInstance<TrainGemmExports> | undefined {
  if (kernels !== undefined && kernels.memory.buffer.byteLength >= bytes) return kernels;
  const size = Math.min(Math.max(bytes, 2 * (kernels?.memory.buffer.byteLength ?? 0)), MAX_INSTANCE_BYTES);
  kernels = instantiateKernels<TrainGemmExports>(TRAIN_GEMM, size);
  unavailable = kernels === undefined;
  return kernels;
}

/**
 * C += op(A)·op(B) on WebAssembly whatever the size, with the arguments of gemm.ts's gemm;
 * false (C untouched) when WebAssembly is switched off or lacks SIMD, or the operands would
 * need more than MAX_INSTANCE_BYTES.
 */
export const wasmGemm: VariantGemm<Float32Array, boolean> = (variant, m, n, k, a, aOff, b, bOff, c, cOff) => {
  if (unavailable || !wasmKernelsEnabled()) return false;
  const { aRow, aDepth, bDepth, bCol } = gemmStrides(variant, m, n, k);
  const aAt = 0;
  const bAt = align16(aAt + m * k * FLOAT_BYTES);
  const cAt = align16(bAt + k * n * FLOAT_BYTES);
  const aPackedAt = align16(cAt + m * n * FLOAT_BYTES);
  const bPackedAt = aPackedAt + panelBytes(m, k);
  const end = bPackedAt + panelBytes(n, k);
  if (end > MAX_INSTANCE_BYTES) return false;
  const instance = instanceFor(end);
  if (instance === undefined) return false;
  const { buffer } = instance.memory;
  const { pack, addProduct } = instance.exports;
  new Float32Array(buffer, aAt, m * k).set(a.subarray(aOff, aOff + m * k));
  new Float32Array(buffer, bAt, k * n).set(b.subarray(bOff, bOff + k * n));
  const cStaged = new Float32Array(buffer, cAt, m * n);
  cStaged.set(c.subarray(cOff, cOff + m * n));
  pack(aAt, m, k, aRow, aDepth, aPackedAt);
  pack(bAt, n, k, bCol, bDepth, bPackedAt);
  addProduct(m, n, k, aPackedAt, bPackedAt, cAt);
  c.set(cStaged, cOff);
  return true;
};

/** Float32 products large enough to gain from WebAssembly run there; the rest on gemm.ts. */
const gemm: VariantGemm<FloatArray, void> = (variant, m, n, k, a, aOff, b, bOff, c, cOff) => {
  const onWasm =
    m * n * k >= MIN_WASM_WORK &&
    c instanceof Float32Array &&
    a instanceof Float32Array &&
    b instanceof Float32Array &&
    wasmGemm(variant, m, n, k, a, aOff, b, bOff, c, cOff);
  if (!onWasm) typescriptGemm(variant, m, n, k, a, aOff, b, bOff, c, cOff);
};

/** C[m,n] += A[m,k] · B[k,n]. */
export const gemmNN: Gemm = (m, n, k, a, aOff, b, bOff, c, cOff) =>
  gemm('NN', m, n, k, a, aOff, b, bOff, c, cOff);
/** C[m,n] += A[m,k] · B[n,k]ᵀ. */
export const gemmNT: Gemm = (m, n, k, a, aOff, b, bOff, c, cOff) =>
  gemm('NT', m, n, k, a, aOff, b, bOff, c, cOff);
/** C[m,n] += A[k,m]ᵀ · B[k,n]. */
export const gemmTN: Gemm = (m, n, k, a, aOff, b, bOff, c, cOff) =>
  gemm('TN', m, n, k, a, aOff, b, bOff, c, cOff);
