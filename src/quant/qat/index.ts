/**
 * Quantization-aware training: fine-tunes a trained model with fake quantization on its
 * weights (int8 symmetric, per output channel) and activations (int8 asymmetric per tensor,
 * ranges tracked by moving average), gradients by the straight-through estimator, then
 * lowers it and quantizes the graph by the PTQ pass with the ranges training learned, so
 * the int8 graph computes what training saw.
 */
import type { WindowSet } from '../../data/types.js';
import { EdgeforgeError } from '../../errors.js';
import { lowerModel } from '../../graph/lower/index.js';
import type { Graph } from '../../graph/types.js';
import { fit } from '../../train/fit.js';
import { instantiate, type TrainedModel } from '../../train/model-file.js';
import { createAdam } from '../../train/optimizers/adam.js';
import { constantLr } from '../../train/schedules.js';
import { quantizeGraph } from '../ptq/index.js';
import { qatRanges } from './graph-ranges.js';
import { applyFakeQuantization } from './plan.js';

export interface QatOptions {
  epochs: number;
  /** Default: the batch size the model was trained with. */
  batchSize?: number;
  /** Adam's rate; default a tenth of the rate the model was trained with. */
  learningRate?: number;
  /** Default: the model's training seed. */
  seed?: number;
  /** Weights per output channel (default) or per tensor, in training and in the graph alike. */
  perChannel?: boolean;
  io: 'int8' | 'float';
  signal?: AbortSignal;
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface QatResult {
  /** The fine-tuned float model (its weights quantize to the graph's). */
  model: TrainedModel;
  /** int8, quantized with the QAT-tracked ranges. */
  graph: Graph;
  /** Per epoch: training loss and validation accuracy, both of the fake-quantized model. */
  history: { epoch: number; loss: number; validationAccuracy?: number }[];
}

function checkOptions(options: QatOptions): void {
  const positiveInteger = (value: number | undefined) =>
    value === undefined || (Number.isInteger(value) && value > 0);
  if (!positiveInteger(options.epochs) || !positiveInteger(options.batchSize)) {
    throw new EdgeforgeError(
      `epochs ${options.epochs} and batch size ${options.batchSize ?? '(default)'} must be positive integers`,
      {
        place: 'qat options',
        fix: 'Fine-tune for at least one epoch with a batch of at least one window',
      },
    );
  }
  const rate = options.learningRate;
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    throw new EdgeforgeError(`learning rate ${rate} is not a positive number`, {
      place: 'qat options.learningRate',
      fix: 'Use a small rate such as 0.0001',
    });
  }
}

function checkData(model: TrainedModel, data: { train: WindowSet; validation: WindowSet }): void {
  const [steps, channels] = [model.preprocessing.steps, model.preprocessing.channels];
  for (const [split, windows] of Object.entries(data)) {
    if (windows.count > 0 && (windows.steps !== steps || windows.channels !== channels)) {
      throw new EdgeforgeError(
        `windows are ${windows.steps} x ${windows.channels}, the model reads ${steps} x ${channels}`,
        { place: `data.${split}`, fix: "Prepare the data with the model's own preprocessing" },
      );
    }
  }
  if (data.train.count === 0) {
    throw new EdgeforgeError('quantization-aware training needs training windows, and there are none', {
      place: 'data.train',
      fix: 'Pass data with enough rows for a training split',
    });
  }
}

export async function quantizationAwareTraining(
  model: TrainedModel,
  data: { train: WindowSet; validation: WindowSet },
  options: QatOptions,
): Promise<QatResult> {
  checkOptions(options);
  checkData(model, data);
  const perChannel = options.perChannel ?? true;
  const seed = options.seed ?? model.training.seed;
  const learningRate = options.learningRate ?? model.training.optimizer.learningRate / 10;
  const network = instantiate(model);
  const tracked = applyFakeQuantization(network, perChannel);
  const fitted = await fit(network, data.train, data.validation, {
    task: model.task,
    epochs: options.epochs,
    batchSize: options.batchSize ?? model.training.batchSize,
    seed,
    shuffle: true,
    optimizer: createAdam({ learningRate }),
    schedule: constantLr(learningRate),
    classWeight: 'none',
    earlyStopping: false,
    signal: options.signal,
    callbacks: { onEpochEnd: (record) => options.onEpoch?.(record.epoch, record.loss) },
  });
  const tuned: TrainedModel = {
    ...model,
    createdAt: new Date().toISOString(),
    weights: network.getWeights(),
  };
  const floatGraph = lowerModel(tuned);
  const quantized = quantizeGraph(floatGraph, qatRanges(floatGraph, tracked, data.train, seed), {
    perChannel,
    io: options.io,
  });
  const notes = { ...quantized.metadata.notes, quantization: 'int8 quantization-aware training' };
  return {
    model: tuned,
    graph: { ...quantized, metadata: { ...quantized.metadata, notes } },
    history: fitted.history.map((record) => ({
      epoch: record.epoch,
      loss: record.loss,
      ...(record.valAccuracy !== undefined && { validationAccuracy: record.valAccuracy }),
    })),
  };
}
