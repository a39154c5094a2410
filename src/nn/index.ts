/** The training engine's layers: build a Sequential from layer specs, run forward/backward. */
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
