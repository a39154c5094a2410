/**
 * The compute kernels the layers use, and the only module they import them from, so a
 * faster implementation (WebAssembly SIMD) can replace them here without touching a layer.
 */
export { gemmNN, gemmNT, gemmTN } from './wasm-gemm.js';
export { activate, activationGradient, type ActivationName } from './activations.js';
export { exp, sigmoid, sigmoidInPlace, tanh, tanhInPlace } from './transcendental.js';
export { broadcastRows, addColumnSums, swapLeadingAxes } from './rows.js';
export { im2col, col2im, type ConvWindow } from './im2col.js';
export { depthwiseForward, depthwiseBackward } from './depthwise.js';
export { maxPool, maxPoolBackward, averagePool, averagePoolBackward } from './pool.js';
