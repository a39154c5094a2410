import { join } from 'node:path';
import type { TrainSection } from '../config/train-schema.js';
import type { PreparedData } from '../data/prepare.js';
import type { WindowSet } from '../data/types.js';
import { subset } from '../data/window-set.js';
import { Sequential } from '../nn/sequential.js';
import type { LayerSpec } from '../nn/spec.js';
import { buildOptimizer, buildSchedule } from './build-optimizer.js';
import { evaluate } from './evaluate.js';
import { fingerprint } from './fingerprint.js';
import { fit, type FitCallbacks } from './fit.js';
import { binaryClasses, argmaxRows } from './losses/predictions.js';
import { anomalyAuc, chooseThreshold, type ThresholdRule } from './metrics/anomaly.js';
import { classificationReport } from './metrics/classification-report.js';
import type { AnomalyEvaluation, TrainedModel } from './model-file.js';
import { normalClassId } from './normal-class.js';
import { presetSettings, type Task } from './presets.js';

export interface TrainRunOptions {
  /** Folder for the checkpoint; without it the run is not resumable. */
  outDir?: string;
  signal?: AbortSignal;
  callbacks?: FitCallbacks;
}

function windowsOfClass(data: WindowSet, classId: number, keep: boolean): WindowSet {
  const indices: number[] = [];
  for (let i = 0; i < data.count; i++) if ((data.y[i] === classId) === keep) indices.push(i);
  return subset(data, indices);
}

/** Binary labels for anomaly metrics: 1 for every window not of the normal class. */
function faultyFlags(data: WindowSet, normal: number): Int32Array {
  return Int32Array.from(data.y, (y) => (y === normal ? 0 : 1));
}

function evaluateAnomaly(model: Sequential, prepared: PreparedData, normal: number): AnomalyEvaluation {
  const validationErrors = evaluate(model, prepared.validation, 'autoencoder').outputs;
  const isNormal = Array.from(prepared.validation.y, (y) => y === normal);
  const healthy = validationErrors.filter((_, i) => isNormal[i]);
  const faulty = validationErrors.filter((_, i) => !isNormal[i]);
  // With faulty validation windows, pick the F1-best threshold; without, allow 1 % false alarms.
  const rule: ThresholdRule =
    faulty.length > 0 ? { kind: 'best-f1', faultyErrors: faulty } : { kind: 'quantile', quantile: 0.99 };
  const threshold = chooseThreshold(healthy, rule);
  const testErrors = evaluate(model, prepared.test, 'autoencoder').outputs;
  const truth = faultyFlags(prepared.test, normal);
  const predicted = Int32Array.from(testErrors, (error) => (error > threshold ? 1 : 0));
  return {
    threshold,
    normalClass: prepared.train.classes[normal]!,
    auc: anomalyAuc(testErrors, truth),
    report: classificationReport(truth, predicted, ['normal', 'anomaly'], testErrors),
  };
}

/**
 * The train stage: builds the preset (or the configured layers) for the data's shape,
 * fits it, evaluates it on the test split and returns the complete trained model.
 */
export async function trainModel(
  prepared: PreparedData,
  section: TrainSection,
  run: TrainRunOptions = {},
): Promise<TrainedModel> {
  const started = performance.now();
  const { train, validation, test, scaler, summary } = prepared;
  const preset = presetSettings(section.preset, {
    steps: train.steps,
    channels: train.channels,
    classes: train.classes.length,
  });
  const layers = (section.layers as LayerSpec[] | undefined) ?? preset.layers;
  const task: Task = section.task ?? preset.task;
  const epochs = section.epochs ?? preset.epochs;
  const batchSize = section.batchSize ?? preset.batchSize;
  const optimizerSection = section.optimizer ?? { type: 'adam' as const, learningRate: preset.learningRate };
  const model = new Sequential(layers).build([train.steps, train.channels], section.seed);

  const normal = task === 'autoencoder' ? normalClassId(train.classes, section.normalClass) : -1;
  const fitTrain = task === 'autoencoder' ? windowsOfClass(train, normal, true) : train;
  const fitValidation = task === 'autoencoder' ? windowsOfClass(validation, normal, true) : validation;
  const identity = fingerprint({
    section,
    layers,
    task,
    epochs,
    batchSize,
    summary: summary.split,
    rows: summary.ingest.rowsKept,
  });
  const result = await fit(model, fitTrain, fitValidation, {
    task,
    epochs,
    batchSize,
    seed: section.seed,
    shuffle: section.shuffle,
    optimizer: buildOptimizer(optimizerSection),
    schedule: buildSchedule(section.schedule, optimizerSection.learningRate, epochs),
    classWeight: section.classWeight,
    earlyStopping: section.earlyStopping,
    ...(run.outDir &&
      section.checkpoint && {
        checkpoint: { file: join(run.outDir, 'checkpoint.json'), fingerprint: identity },
      }),
    // Unless asked, 'auto': two threads where they were measured faster (parallel/threads.ts).
    threads: section.threads ?? 'auto',
    signal: run.signal,
    callbacks: run.callbacks,
  });

  let evaluation: TrainedModel['evaluation'];
  let anomaly: TrainedModel['anomaly'];
  if (task === 'autoencoder') {
    const report = evaluateAnomaly(model, prepared, normal);
    evaluation = { test: report };
    anomaly = { threshold: report.threshold, normalClass: report.normalClass };
  } else {
    const probabilities = evaluate(model, test, task).outputs;
    const predicted =
      task === 'binary' ? binaryClasses(probabilities) : argmaxRows(probabilities, test.classes.length);
    evaluation = {
      test: classificationReport(
        test.y,
        predicted,
        test.classes,
        task === 'binary' ? probabilities : undefined,
      ),
    };
  }
  const { ingest } = summary;
  return {
    format: 'edgeforge-model',
    version: 1,
    createdAt: new Date().toISOString(),
    task,
    architecture: model.config(),
    weights: model.getWeights(),
    preprocessing: {
      layout: ingest.layout,
      steps: train.steps,
      channels: train.channels,
      channelNames: train.channelNames,
      featureColumns: ingest.featureColumns,
      labelColumn: ingest.labelColumn,
      classes: train.classes,
      scaler,
      ...(ingest.windows && {
        window: {
          length: ingest.windows.length,
          stride: ingest.windows.stride,
          labelRule: ingest.windows.labelRule,
        },
      }),
    },
    ...(anomaly && { anomaly }),
    training: {
      preset: section.layers ? 'custom' : section.preset,
      seed: section.seed,
      epochs,
      batchSize,
      optimizer: { type: optimizerSection.type, learningRate: optimizerSection.learningRate },
      history: result.history,
      bestEpoch: result.bestEpoch,
      stoppedEarly: result.stoppedEarly,
      seconds: (performance.now() - started) / 1000,
    },
    evaluation,
    data: summary,
  };
}
