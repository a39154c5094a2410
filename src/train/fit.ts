import type { EarlyStoppingSection } from '../config/train-schema.js';
import type { WindowSet } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import type { Sequential } from '../nn/sequential.js';
import { Random } from '../util/random.js';
import { Batcher } from './batcher.js';
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.js';
import { EarlyStopping } from './early-stopping.js';
import { evaluate } from './evaluate.js';
import type { EpochRecord } from './history.js';
import { classWeights, sampleWeightsFromClasses } from './losses/class-weights.js';
import type { Optimizer } from './optimizers/optimizer.js';
import { ParallelTrainer } from './parallel/parallel-trainer.js';
import { resolveThreads, type ThreadsSetting } from './parallel/threads.js';
import type { Task } from './presets.js';
import type { LearningRateSchedule } from './schedules.js';
import { countCorrect, taskIo } from './task-io.js';
import { decodeWeights, encodeWeights } from './weights-codec.js';

export interface FitCallbacks {
  /** After every batch: batches done in this epoch, and in all. */
  onBatch?(epoch: number, done: number, total: number, runningLoss: number): void;
  onEpochEnd?(record: EpochRecord): void;
  /** Training picks up after `epochs` finished epochs from a checkpoint. */
  onResume?(epochs: number): void;
}

export interface FitOptions {
  task: Task;
  epochs: number;
  batchSize: number;
  seed: number;
  shuffle: boolean;
  optimizer: Optimizer;
  schedule: LearningRateSchedule;
  classWeight: 'none' | 'balanced' | number[];
  earlyStopping: EarlyStoppingSection | false;
  /** Resumable runs: the checkpoint file and a fingerprint of everything that shapes the run. */
  checkpoint?: { file: string; fingerprint: string };
  /** Aborting stops after the current batch; finished epochs stay in the checkpoint. */
  signal?: AbortSignal;
  callbacks?: FitCallbacks;
  /**
   * Data-parallel worker threads (default 1: everything on the calling thread). More threads
   * are deterministic for a given count but not bit-identical to one thread (summation order).
   */
  threads?: ThreadsSetting;
}

export interface FitResult {
  history: EpochRecord[];
  /** Epoch whose weights the model holds at the end (the best one when restored). */
  bestEpoch: number;
  stoppedEarly: boolean;
  resumedFromEpoch: number;
}

export class TrainingInterrupted extends EdgeforgeError {
  constructor(epochsDone: number, checkpoint: string | undefined) {
    super(`training interrupted after ${epochsDone} finished epoch(s)`, {
      file: checkpoint,
      fix: checkpoint ? 'Run the same command again to resume from the checkpoint' : 'Run it again',
    });
  }
}

/** A mixing of seed and epoch, so each epoch's shuffle and dropout masks are fixed by the seed alone. */
function epochSeed(seed: number, epoch: number, stream: number): number {
  return (
    (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(epoch, 0x85ebca6b) + stream * 0x27d4eb2f) >>> 0
  );
}

/** Lets a pending SIGINT handler run without slowing the loop (every ~50 ms). */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Trains `model` with mini-batch gradient descent. Deterministic: the same seed, data and
 * options give bit-identical weights, also across an interruption and resume.
 */
export async function fit(
  model: Sequential,
  train: WindowSet,
  validation: WindowSet | undefined,
  options: FitOptions,
): Promise<FitResult> {
  const { task, batchSize, optimizer, schedule, callbacks = {} } = options;
  const io = taskIo(task);
  const targetSize = io.targetSize || train.steps * train.channels;
  const weights =
    options.classWeight === 'none' || task === 'autoencoder'
      ? undefined
      : sampleWeightsFromClasses(train.y, classWeights(train.y, train.classes.length, options.classWeight));
  const batcher = new Batcher(train, io.targets(train), targetSize, batchSize, weights);
  const params = model.params();
  const hasValidation = validation !== undefined && validation.count > 0;
  const stopping = options.earlyStopping ? new EarlyStopping(options.earlyStopping) : undefined;
  if (stopping && !hasValidation && stopping.monitor !== 'val_loss') {
    throw new EdgeforgeError(`early stopping monitors ${stopping.monitor}, but there is no validation data`, {
      place: 'train.earlyStopping.monitor',
      fix: 'Keep a validation split (data.split.validation > 0)',
    });
  }

  let history: EpochRecord[] = [];
  let bestWeights: Record<string, Float32Array> | undefined;
  let firstEpoch = 1;
  const resumed = options.checkpoint ? await loadCheckpoint(options.checkpoint.file) : undefined;
  if (resumed && options.checkpoint && resumed.fingerprint === options.checkpoint.fingerprint) {
    const where = { file: options.checkpoint.file };
    model.setWeights(decodeWeights(resumed.weights, where), options.checkpoint.file);
    optimizer.loadState(resumed.optimizer, options.checkpoint.file);
    schedule.loadState(resumed.schedule, options.checkpoint.file);
    if (stopping && resumed.earlyStopping) stopping.restore(resumed.earlyStopping);
    bestWeights = resumed.bestWeights ? decodeWeights(resumed.bestWeights, where) : undefined;
    history = resumed.history;
    firstEpoch = resumed.epoch + 1;
    callbacks.onResume?.(resumed.epoch);
  }

  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const threads = resolveThreads(options.threads ?? 1, {
    batchSize,
    windows: train.count,
    recurrent: model.layers.some((layer) => layer.type === 'lstm' || layer.type === 'gru'),
  });
  const parallel = threads > 1 ? await ParallelTrainer.start(model, task, threads, options.seed) : undefined;
  const batches = Math.ceil(train.count / batchSize);
  let stoppedEarly = stopping?.shouldStop ?? false;
  try {
    for (let epoch = firstEpoch; epoch <= options.epochs && !stoppedEarly; epoch++) {
      const started = performance.now();
      const learningRate = schedule.lrForEpoch(epoch - 1);
      for (let i = 0; i < order.length; i++) order[i] = i;
      if (options.shuffle) new Random(epochSeed(options.seed, epoch, 1)).shuffle(order);
      model.reseed(epochSeed(options.seed, epoch, 2));
      let lossSum = 0;
      let correct = 0;
      let lastYield = performance.now();
      let grad = new Float32Array(0);
      for (let b = 0; b < batches; b++) {
        const start = b * batchSize;
        const size = Math.min(batchSize, train.count - start);
        const batch = batcher.gather(order, start, size);
        if (parallel) {
          const shards = await parallel.gradients(batch, epoch, b);
          lossSum += shards.lossSum;
          correct += shards.correct;
        } else {
          const output = model.forward(batch.x, size, { training: true, logits: io.logits });
          if (grad.length !== output.length) grad = new Float32Array(output.length);
          lossSum += io.loss.compute(output, batch.targets, size, grad, batch.weights) * size;
          if (task !== 'autoencoder') correct += countCorrect(task, output, batch.labels, size);
          for (const param of params) param.grad.fill(0);
          model.backward(grad, size);
        }
        optimizer.step(params, learningRate);
        parallel?.publishWeights();
        callbacks.onBatch?.(epoch, b + 1, batches, lossSum / (start + size));
        if (performance.now() - lastYield > 50) {
          await yieldToEvents();
          lastYield = performance.now();
          if (options.signal?.aborted) throw new TrainingInterrupted(epoch - 1, options.checkpoint?.file);
        }
      }
      const record: EpochRecord = {
        epoch,
        loss: lossSum / train.count,
        ...(task !== 'autoencoder' && { accuracy: correct / train.count }),
        learningRate,
        seconds: 0,
        samples: train.count,
      };
      if (hasValidation) {
        const result = evaluate(model, validation, task);
        record.valLoss = result.loss;
        if (result.accuracy !== undefined) record.valAccuracy = result.accuracy;
      }
      record.seconds = (performance.now() - started) / 1000;
      schedule.onEpochEnd(record.valLoss ?? record.loss);
      if (stopping) {
        const monitored =
          stopping.monitor === 'val_accuracy' ? record.valAccuracy! : (record.valLoss ?? record.loss);
        if (stopping.update(epoch, monitored) && options.earlyStopping && options.earlyStopping.restoreBest) {
          bestWeights = model.getWeights();
        }
        stoppedEarly = stopping.shouldStop;
      }
      history.push(record);
      if (options.checkpoint) {
        const checkpoint: Checkpoint = {
          format: 'edgeforge-checkpoint',
          version: 1,
          fingerprint: options.checkpoint.fingerprint,
          epoch,
          weights: encodeWeights(model.getWeights()),
          ...(bestWeights && { bestWeights: encodeWeights(bestWeights) }),
          optimizer: optimizer.state(),
          schedule: schedule.state(),
          ...(stopping && { earlyStopping: stopping.snapshot() }),
          history,
        };
        await saveCheckpoint(options.checkpoint.file, checkpoint);
      }
      callbacks.onEpochEnd?.(record);
      if (options.signal?.aborted) throw new TrainingInterrupted(epoch, options.checkpoint?.file);
    }
  } finally {
    await parallel?.close();
  }
  const restoreBest =
    bestWeights !== undefined && options.earlyStopping !== false && options.earlyStopping.restoreBest;
  if (restoreBest && bestWeights) model.setWeights(bestWeights);
  return {
    history,
    bestEpoch: restoreBest && stopping ? stopping.bestEpoch : history.length,
    stoppedEarly,
    resumedFromEpoch: firstEpoch - 1,
  };
}
