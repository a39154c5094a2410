/**
 * The training engine's layers, in TypeScript on typed arrays.
 *
 *   const model = new Sequential([
 *     { type: 'lstm', units: 32, returnSequences: true },
 *     { type: 'lstm', units: 16 },
 *     { type: 'dense', units: 1, activation: 'sigmoid' },
 *   ]).build([64, 1], seed);                                 // input shape excludes the batch
 *   const logits = model.forward(x, batch, { training: true, logits: true });
 *   model.backward(dLossDLogits, batch);                      // adds into every Param's grad
 *   for (const p of model.params()) ...                       // optimizer: p.value, p.grad
 *
 * Data is batch-major in flat Float32Arrays ([batch, steps, channels] or [batch, features]).
 * Weights use Keras's names and layouts (getWeights/setWeights), specs are JSON (config()).
 * Pass FLOAT64 to the constructor for a float64 model (gradient checks).
 */
export { Sequential, type ForwardOptions, type SequentialConfig } from './sequential.js';
export { createLayer } from './create-layer.js';
export type { Layer } from './layer.js';
export { parseLayerSpec, type LayerSpec, type LayerType, type SpecOf } from './spec.js';
export { formatSummary, type LayerSummary, type ModelSummary } from './summary.js';
export {
  FLOAT32,
  FLOAT64,
  type FloatArray,
  type Numeric,
  type Shape,
  type StateTensor,
  type Weight,
} from './tensor.js';
export type { ActivationName } from './kernels/index.js';
export type { Param } from './param.js';
