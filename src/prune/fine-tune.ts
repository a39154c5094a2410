/**
 * Fine-tuning after (or while) pruning: the trainer's own fit loop on the train split, with
 * Adam at the learning rate the model was trained with and no early stopping, so every epoch
 * asked for runs. Autoencoders learn from windows of their normal class only, as in training.
 */
import type { WindowSet } from '../data/types.js';
import { subset } from '../data/window-set.js';
import type { Sequential } from '../nn/sequential.js';
import { fit } from '../train/fit.js';
import type { EpochRecord } from '../train/history.js';
import type { TrainedModel } from '../train/model-file.js';
import { createAdam } from '../train/optimizers/adam.js';
import { constantLr } from '../train/schedules.js';
import type { PruneData } from './types.js';

/** Called after every optimizer step: `step` counts from 1 to `totalSteps` over all epochs. */
export type AfterStep = (step: number, totalSteps: number) => void;

export async function fineTune(
  network: Sequential,
  model: TrainedModel,
  data: PruneData,
  run: { epochs: number; seed: number; afterStep?: AfterStep },
): Promise<EpochRecord[]> {
  if (run.epochs === 0) return [];
  const train = trainingWindows(model, data.train);
  const validation = trainingWindows(model, data.validation);
  const learningRate = model.training.optimizer.learningRate;
  const batchSize = model.training.batchSize;
  const result = await fit(network, train, validation, {
    task: model.task,
    epochs: run.epochs,
    batchSize,
    seed: run.seed,
    shuffle: true,
    optimizer: createAdam({ learningRate }),
    schedule: constantLr(learningRate),
    classWeight: 'none',
    earlyStopping: false,
    callbacks: {
      onBatch: (epoch, done, batches) => run.afterStep?.((epoch - 1) * batches + done, run.epochs * batches),
    },
  });
  return result.history;
}

function trainingWindows(model: TrainedModel, windows: WindowSet): WindowSet {
  const normal = model.anomaly === undefined ? -1 : windows.classes.indexOf(model.anomaly.normalClass);
  if (model.task !== 'autoencoder' || normal < 0) return windows;
  const indices: number[] = [];
  for (let i = 0; i < windows.count; i++) if (windows.y[i] === normal) indices.push(i);
  return subset(windows, indices);
}
