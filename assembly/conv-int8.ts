// AssemblyScript entry (compiled by assembly/build.mjs): the int8 kernels on WebAssembly SIMD,
// each bit for bit its TypeScript specification in src/runtime/kernels/int8/.
export { conv, depthwise } from './lib/ci-pixels';
export { maxPool } from './lib/ci-pool';
export { mean } from './lib/ci-mean';
