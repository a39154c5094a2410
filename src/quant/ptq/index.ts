/** Post-training integer quantization of deploy graphs. */
export { quantizeGraph, type QuantizeOptions } from './quantize-graph.js';
export { activationParams, int32Bias, symmetricWeights, type ActivationParams } from './choose-params.js';
export { FIXED_OUTPUTS } from './op-rules.js';
