/**
 * Structured pruning: remove whole units — Dense neurons, Conv1D filters, LSTM/GRU units —
 * from every layer that feeds another weighted layer, by outgoing-weight L1 importance, and
 * rewrite the architecture and weights to the smaller shapes, then fine-tune. Unlike zeroed
 * weights this shrinks the deployed graph: fewer MACs, smaller activations and arena.
 */
import { Sequential } from '../../nn/sequential.js';
import { instantiate, type TrainedModel } from '../../train/model-file.js';
import { fineTune } from '../fine-tune.js';
import { checkEpochs, checkFraction } from '../options.js';
import { prunedModel } from '../result-model.js';
import type { PruneData, PruneResult, StructuredOptions } from '../types.js';
import { planUnits, type TensorTable } from './plan.js';
import { shrinkSpecs, shrinkWeights } from './rewrite.js';

export async function pruneStructured(
  model: TrainedModel,
  data: PruneData,
  options: StructuredOptions,
): Promise<PruneResult> {
  checkFraction(options.fraction, 'prune.fraction');
  checkEpochs(options.fineTuneEpochs, 'prune.fineTuneEpochs');
  const original = instantiate(model);
  const specs = original.config().layers;
  const summary = original.summary();
  const inputShapes = [summary.inputShape, ...summary.layers.map((layer) => layer.outputShape)];
  const tensors: TensorTable = new Map(
    [...original.params(), ...original.states()].map((tensor) => [
      tensor.name,
      { values: tensor.value, shape: tensor.shape },
    ]),
  );
  const plans = planUnits(specs, inputShapes, tensors, options.fraction);
  const network = new Sequential(shrinkSpecs(specs, plans)).build(model.architecture.inputShape, 0);
  network.setWeights(shrinkWeights(specs, tensors, plans));
  const history = await fineTune(network, model, data, {
    epochs: options.fineTuneEpochs,
    seed: options.seed ?? model.training.seed,
  });
  return {
    model: prunedModel(model, network, history),
    layers: plans.map((plan) => ({
      layer: specs[plan.producer].name!,
      before: plan.units,
      after: plan.keep.length,
      sparsity: 1 - plan.keep.length / plan.units,
    })),
  };
}
