/** How each offered variant is built from the trained model, its float graph and its data. */
import type { CompressSection } from '../config/compress-schema.js';
import { lowerModel } from '../graph/lower/index.js';
import type { Graph } from '../graph/types.js';
import { pruneStructured, pruneUnstructured, type LayerPruning, type PruneResult } from '../prune/index.js';
import { postTrainingInt8 } from '../quant/post-training.js';
import { quantizationAwareTraining } from '../quant/qat/index.js';
import { dynamicRangeGraph, float16Graph } from '../quant/weight-only/index.js';
import type { TrainedModel } from '../train/model-file.js';
import type { ModelData } from './load-data.js';
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
  /** Pruned variants: what pruning removed, per layer. */
  pruning?: LayerPruning[];
}

/** int8 PTQ of `floatGraph`, calibrated on the training split as the settings say. */
function int8(floatGraph: Graph, job: VariantJob): Graph {
  const { calibration, perChannel, io, seed } = job.settings;
  return postTrainingInt8(floatGraph, job.data.train, { ...calibration, perChannel, io, seed });
}

/** A pruned model, lowered and quantized by PTQ like the trained one. */
function prunedInt8(kind: 'pruned' | 'structured', result: PruneResult, job: VariantJob): BuiltVariant {
  const graph = int8(lowerModel(result.model), job);
  return { kind, graph, model: result.model, pruning: result.layers };
}

const fineTuneData = (job: VariantJob) => ({ train: job.data.train, validation: job.data.validation });

export const VARIANT_BUILDERS = {
  float32: (job) => Promise.resolve({ kind: 'float', graph: job.floatGraph }),
  float16: (job) => Promise.resolve({ kind: 'float16', graph: float16Graph(job.floatGraph) }),
  'dynamic-range': (job) =>
    Promise.resolve({ kind: 'dynamic-range', graph: dynamicRangeGraph(job.floatGraph) }),
  int8: (job) => Promise.resolve({ kind: 'ptq', graph: int8(job.floatGraph, job) }),
  'int8-qat': async (job) => {
    const { qat, perChannel, io, seed } = job.settings;
    const result = await quantizationAwareTraining(job.model, fineTuneData(job), {
      ...qat,
      perChannel,
      io,
      seed,
      signal: job.signal,
    });
    return { kind: 'qat', graph: result.graph, model: result.model };
  },
  'pruned-int8': async (job) =>
    prunedInt8(
      'pruned',
      await pruneUnstructured(job.model, fineTuneData(job), {
        ...job.settings.prune,
        seed: job.settings.seed,
      }),
      job,
    ),
  'structured-int8': async (job) =>
    prunedInt8(
      'structured',
      await pruneStructured(job.model, fineTuneData(job), {
        ...job.settings.structured,
        seed: job.settings.seed,
      }),
      job,
    ),
} satisfies Record<VariantName, (job: VariantJob) => Promise<BuiltVariant>>;
