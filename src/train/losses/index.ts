export type { Loss } from './loss.js';
export { binaryCrossEntropy } from './binary-cross-entropy.js';
export { categoricalCrossEntropy, sparseCategoricalCrossEntropy } from './softmax-cross-entropy.js';
export { meanSquaredError } from './mean-squared-error.js';
export { sigmoid, softmax } from './activations.js';
export { classWeights, sampleWeightsFromClasses } from './class-weights.js';
export { argmaxRows, binaryClasses } from './predictions.js';
