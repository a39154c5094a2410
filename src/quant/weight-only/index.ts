/** Weight-only quantization variants: float16 weights, and int8 weights with float activations. */
export { dynamicRangeGraph } from './dynamic-range-graph.js';
export { float16Graph } from './float16-graph.js';
export { floatToHalfBits, halfBitsToFloat } from './float16-bits.js';
