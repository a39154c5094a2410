// AssemblyScript (compiled by assembly/build.mjs, not by tsc): the WebAssembly SIMD twin of
// src/nn/kernels/gemm.ts for float32 training, C += op(A)·op(B), bit for bit (see lib/tr-gemm.ts).
// The caller stages A, B and C as float32 in memory, packs both operands, then adds the product.

export { pack, addProduct } from './lib/tr-gemm';
