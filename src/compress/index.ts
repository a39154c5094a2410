/** The compress stage: variants of a trained model, each scored and measured on the model's own test split. */
export { loadModelData, type ModelData } from './load-data.js';
export { evaluateGraph, graphOutputs, EVALUATION_BATCH, type GraphEvaluation } from './evaluate-graph.js';
export {
  compressModel,
  graphCost,
  type CompressOptions,
  type CompressResult,
  type CompressVariant,
  type GraphCost,
} from './compress-model.js';
export { medianLatencies } from './latency.js';
export { VARIANT_NAMES, DEFAULT_VARIANTS, type VariantName } from './variant-names.js';
export type { VariantKind } from './variants.js';
export { type CompressReport, type VariantReport } from './report.js';
