/**
 * Unstructured magnitude pruning: zero the smallest-|w| prunable weights, globally or per
 * layer, at once or along the cubic schedule, and keep them zero through fine-tuning by
 * re-applying the masks after every optimizer step. The model keeps its shapes: only a
 * sparse storage format or sparse kernels turn the zeros into savings (see sizeAccounting).
 */
import { UsageError } from '../errors.js';
import { instantiate, type TrainedModel } from '../train/model-file.js';
import { fineTune } from './fine-tune.js';
import { enforceSparsity, masked, targetCount } from './magnitude.js';
import { checkEpochs, checkFraction } from './options.js';
import { prunableLayers, type PrunableLayer } from './prunable.js';
import { prunedModel } from './result-model.js';
import { polynomialSparsity } from './sparsity-schedule.js';
import type { LayerPruning, PruneData, PruneResult, UnstructuredOptions } from './types.js';

export async function pruneUnstructured(
  model: TrainedModel,
  data: PruneData,
  options: UnstructuredOptions,
): Promise<PruneResult> {
  checkFraction(options.sparsity, 'prune.sparsity');
  checkEpochs(options.fineTuneEpochs, 'prune.fineTuneEpochs');
  if (options.schedule === 'gradual' && options.fineTuneEpochs === 0) {
    throw new UsageError('gradual pruning raises sparsity during fine-tuning, but fineTuneEpochs is 0', {
      place: 'prune.fineTuneEpochs',
      fix: 'fine-tune for at least one epoch, or use schedule one-shot',
    });
  }
  const network = instantiate(model);
  const layers = prunableLayers(network);
  const before = layers.map((entry) => nonzeros(entry));
  const maskedLayers = layers.map((entry) => entry.tensors.map((param) => masked(param.value)));
  const groups = options.scope === 'global' ? [maskedLayers.flat()] : maskedLayers;
  const enforce = (sparsity: number): void => {
    for (const group of groups) enforceSparsity(group, targetCount(group, sparsity));
  };
  if (options.schedule === 'one-shot') enforce(options.sparsity);
  const history = await fineTune(network, model, data, {
    epochs: options.fineTuneEpochs,
    seed: options.seed ?? model.training.seed,
    afterStep: (step, totalSteps) =>
      enforce(
        options.schedule === 'gradual'
          ? polynomialSparsity(step, totalSteps, 0, options.sparsity)
          : options.sparsity,
      ),
  });
  return {
    model: prunedModel(model, network, history),
    layers: layers.map((entry, index) => layerRow(entry, before[index])),
  };
}

function nonzeros(entry: PrunableLayer): number {
  return entry.tensors.reduce((sum, param) => sum + param.value.filter((value) => value !== 0).length, 0);
}

/** Weights that were already zero count as sparse too: the row reports the zeros stored. */
function layerRow(entry: PrunableLayer, before: number): LayerPruning {
  const size = entry.tensors.reduce((sum, param) => sum + param.value.length, 0);
  const after = nonzeros(entry);
  return { layer: entry.layer, before, after, sparsity: (size - after) / size };
}
