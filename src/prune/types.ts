import type { WindowSet } from '../data/types.js';
import type { TrainedModel } from '../train/model-file.js';

/** The splits pruning fine-tunes on (train) and scores each fine-tuning epoch on (validation, in the history). */
export interface PruneData {
  train: WindowSet;
  validation: WindowSet;
}

export interface UnstructuredOptions {
  /** Fraction of the prunable weights set to zero, in [0, 1). */
  sparsity: number;
  /** 'global': one magnitude threshold across every prunable tensor; 'layer': the same fraction in each layer. */
  scope: 'global' | 'layer';
  /** 'one-shot': prune, then fine-tune; 'gradual': raise sparsity along a cubic schedule while fine-tuning. */
  schedule: 'one-shot' | 'gradual';
  fineTuneEpochs: number;
  seed?: number;
}

export interface StructuredOptions {
  /** Fraction of the units (neurons, filters, LSTM/GRU units) removed from each prunable layer, in [0, 1). */
  fraction: number;
  fineTuneEpochs: number;
  seed?: number;
}

/**
 * One row per pruned layer. Unstructured: before/after count the layer's nonzero prunable
 * weights and sparsity is its fraction of zero weights afterwards. Structured: before/after
 * count its units and sparsity is the fraction of units removed.
 */
export interface LayerPruning {
  layer: string;
  before: number;
  after: number;
  sparsity: number;
}

export interface PruneResult {
  model: TrainedModel;
  layers: LayerPruning[];
}
