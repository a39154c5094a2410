import type { Sequential } from '../nn/sequential.js';
import type { EpochRecord } from '../train/history.js';
import type { TrainedModel } from '../train/model-file.js';

/**
 * The pruned model file: the network's architecture and weights, with the fine-tuning epochs
 * appended to the training history (numbered on from the original run). The test evaluation
 * stays the original model's until the pruned one is evaluated again.
 */
export function prunedModel(
  model: TrainedModel,
  network: Sequential,
  fineTuning: EpochRecord[],
): TrainedModel {
  const { training } = model;
  return {
    ...model,
    createdAt: new Date().toISOString(),
    architecture: network.config(),
    weights: network.getWeights(),
    training: {
      ...training,
      epochs: training.epochs + fineTuning.length,
      history: [
        ...training.history,
        ...fineTuning.map((record) => ({ ...record, epoch: training.epochs + record.epoch })),
      ],
      seconds: training.seconds + fineTuning.reduce((sum, record) => sum + record.seconds, 0),
    },
  };
}
