// AssemblyScript entry (compiled by assembly/build.mjs): the int8 kernels on WebAssembly SIMD,
// each bit for bit its TypeScript specification in src/runtime/kernels/int8/.
export { conv } from './lib/ci-conv';
export { depthwise } from './lib/ci-depthwise';
export { maxPool } from './lib/ci-pool';
export { mean } from './lib/ci-mean';
