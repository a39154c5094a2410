/** How each offered variant is built from the trained model, its float graph and its data. */
import type { CompressSection } from '../config/compress-schema.js';
import type { Graph } from '../graph/types.js';
import type { TrainedModel } from '../train/model-file.js';
import type { ModelData } from './load-data.js';
import { quantizeInt8 } from './post-training.js';
import type { VariantName } from './variant-names.js';

/** The technique behind a variant. */
export type VariantKind = 'float' | 'ptq' | 'qat' | 'pruned' | 'structured' | 'dynamic-range' | 'float16';

export interface VariantJob {
  model: TrainedModel;
  /** The trained model lowered, unquantized. */
  floatGraph: Graph;
  data: ModelData;
  settings: CompressSection;
  signal?: AbortSignal;
}

export interface BuiltVariant {
  kind: VariantKind;
  graph: Graph;
  /** Variants that retrain the weights carry their float model. */
  model?: TrainedModel;
}

export const VARIANT_BUILDERS = {
  float32: (job) => Promise.resolve({ kind: 'float', graph: job.floatGraph }),
  int8: (job) =>
    Promise.resolve({ kind: 'ptq', graph: quantizeInt8(job.floatGraph, job.data.train, job.settings) }),
} satisfies Record<VariantName, (job: VariantJob) => Promise<BuiltVariant>>;
