/** compress.json: the settings, the float reference and every variant's numbers, without graphs or weights. */
import type { CompressSection } from '../config/compress-schema.js';
import type { CompressVariant } from './compress-model.js';
import type { GraphEvaluation } from './evaluate-graph.js';
import type { ModelData } from './load-data.js';

export type VariantReport = Omit<CompressVariant, 'graph' | 'model'>;

export interface CompressReport {
  model?: string;
  /** Windows per split of the model's own data. */
  splits: { train: number; validation: number; test: number };
  settings: CompressSection;
  reference: GraphEvaluation & { weightBytes: number };
  variants: VariantReport[];
}

export function compressReport(parts: {
  modelFile?: string;
  settings: CompressSection;
  data: ModelData;
  reference: CompressReport['reference'];
  variants: CompressVariant[];
}): CompressReport {
  const { data } = parts;
  return {
    ...(parts.modelFile !== undefined && { model: parts.modelFile }),
    splits: { train: data.train.count, validation: data.validation.count, test: data.test.count },
    settings: parts.settings,
    reference: parts.reference,
    variants: parts.variants.map((variant): VariantReport => ({
      name: variant.name,
      kind: variant.kind,
      evaluation: variant.evaluation,
      deltaPoints: variant.deltaPoints,
      weightBytes: variant.weightBytes,
      weightRatio: variant.weightRatio,
      arenaBytes: variant.arenaBytes,
      stateBytes: variant.stateBytes,
      macs: variant.macs,
      sizes: variant.sizes,
      latencyMs: variant.latencyMs,
      targets: variant.targets,
      files: variant.files,
      ...(variant.pruning && { pruning: variant.pruning }),
    })),
  };
}
