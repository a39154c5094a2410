export type { Optimizer, OptimizerKind, OptimizerOptions, OptimizerState } from './optimizer.js';
export { createAdam, createAdamW, type AdamOptions } from './adam.js';
export { createSgd, type SgdOptions } from './sgd.js';
export { clipByGlobalNorm, clipByValue, globalGradientNorm } from './clipping.js';
