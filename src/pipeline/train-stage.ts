import { join } from 'node:path';
import type { TrainSection } from '../config/train-schema.js';
import type { PreparedData } from '../data/prepare.js';
import { lowerAndSave } from '../graph/lower/save.js';
import type { EpochRecord } from '../train/history.js';
import { saveModel, type TrainedModel } from '../train/model-file.js';
import { trainModel, type TrainRunOptions } from '../train/train-model.js';

/** What `edgeforge train --json` prints and `run` reports for the train stage. */
export interface TrainStageResult {
  model: string;
  /** The deploy graph (model.efg) lowered from the model, beside it. */
  graph: string;
  task: TrainedModel['task'];
  preset: string;
  test: {
    accuracy: number;
    /** Binary: F1 of the positive (fault) class; otherwise macro F1. */
    f1: number;
    macroF1: number;
    rocAuc?: number;
    confusionMatrix: number[][];
    /** Autoencoders: the reconstruction-error threshold chosen on validation data. */
    threshold?: number;
  };
  epochs: EpochRecord[];
  bestEpoch: number;
  stoppedEarly: boolean;
  seconds: number;
}

export function summarizeTraining(model: TrainedModel, file: string, graph: string): TrainStageResult {
  const test = model.evaluation.test;
  const report = 'report' in test ? test.report : test;
  return {
    model: file,
    graph,
    task: model.task,
    preset: model.training.preset,
    test: {
      accuracy: report.accuracy,
      f1: report.binaryF1 ?? report.macro.f1,
      macroF1: report.macro.f1,
      ...('auc' in test ? { rocAuc: test.auc } : report.rocAuc !== undefined && { rocAuc: report.rocAuc }),
      confusionMatrix: report.confusionMatrix,
      ...('threshold' in test && { threshold: test.threshold }),
    },
    epochs: model.training.history,
    bestEpoch: model.training.bestEpoch,
    stoppedEarly: model.training.stoppedEarly,
    seconds: model.training.seconds,
  };
}

/**
 * Trains, then writes model.json into outDir (the checkpoint lives there too, for resume)
 * and the deploy graph lowered from it, model.efg.
 */
export async function runTrainStage(
  prepared: PreparedData,
  section: TrainSection,
  outDir: string,
  options: Omit<TrainRunOptions, 'outDir'> = {},
): Promise<TrainStageResult> {
  const model = await trainModel(prepared, section, { ...options, outDir });
  const file = join(outDir, 'model.json');
  await saveModel(file, model);
  const graph = join(outDir, 'model.efg');
  await lowerAndSave(model, file, graph);
  return summarizeTraining(model, file, graph);
}
