/** Pruning: unstructured magnitude pruning, structured unit removal, and honest size accounting. */
export { pruneUnstructured } from './unstructured.js';
export { pruneStructured } from './structured/index.js';
export { sizeAccounting, type SizeAccounting } from './size-accounting.js';
export { polynomialSparsity } from './sparsity-schedule.js';
export { isPrunable } from './prunable.js';
export type {
  LayerPruning,
  PruneData,
  PruneResult,
  StructuredOptions,
  UnstructuredOptions,
} from './types.js';
