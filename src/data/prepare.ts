import { access } from 'node:fs/promises';
import type { DataSection } from '../config/data-schema.js';
import { augment } from './augment.js';
import { ingest } from './ingest.js';
import { applyScaler, fitScaler } from './scale.js';
import { splitData } from './split.js';
import { writeSynthetic } from './synth/index.js';
import type { FittedScaler, IngestReport, WindowSet } from './types.js';
import { classCounts, subset } from './window-set.js';

export interface SplitSummary {
  method: string;
  /** Samples per class in each split, in class-id order (train before augmentation). */
  classCounts: { train: number[]; validation: number[]; test: number[] };
  sizes: { train: number; validation: number; test: number };
  /** The split settings as resolved, so a later stage (compress) can cut the same split again. */
  settings?: DataSection['split'];
}

/** Everything the data stage did, as printed by `data inspect` and saved with the model. */
export interface DataSummary {
  ingest: IngestReport;
  classes: string[];
  steps: number;
  channels: number;
  split: SplitSummary;
  scale: { method: string; per: string };
  /** How missing cells were handled; with split.settings, enough to re-ingest and re-split the file. */
  clean?: DataSection['clean'];
  augment: { added: number; perClass: number[]; trainSize: number } | null;
}

export interface PreparedData {
  /** Scaled, and augmented when configured. */
  train: WindowSet;
  validation: WindowSet;
  test: WindowSet;
  /** Fitted on the training split only; part of every model trained on this data. */
  scaler: FittedScaler;
  summary: DataSummary;
}

export interface PrepareHooks {
  onProgress?: (done: number, total: number) => void;
}

function scaled(data: WindowSet, scaler: FittedScaler): WindowSet {
  return { ...data, x: applyScaler(scaler, data.x) };
}

/** Generates the configured synthetic data into data.file when that file does not exist yet. */
export async function synthesizeIfMissing(section: DataSection): Promise<void> {
  if (!section.synthesize) return;
  const exists = await access(section.file).then(
    () => true,
    () => false,
  );
  if (!exists) await writeSynthetic(section.file, section.synthesize);
}

/** The data stage: ingest -> clean -> window -> split -> scale (fit on train) -> augment (train only). */
export async function prepareData(section: DataSection, hooks: PrepareHooks = {}): Promise<PreparedData> {
  await synthesizeIfMissing(section);
  const { data, report } = await ingest({
    file: section.file,
    layout: section.layout,
    label: section.label,
    features: section.features,
    ignore: section.ignore,
    group: section.group,
    timestamp: section.timestamp,
    window: section.window,
    clean: section.clean,
    onProgress: hooks.onProgress,
  });
  const split = splitData(data, section.split, section.file);
  const scaler = fitScaler(data, split.train, section.scale.method, section.scale.per);
  const trainRaw = subset(data, split.train);
  const validation = scaled(subset(data, split.validation), scaler);
  const test = scaled(subset(data, split.test), scaler);
  let train = scaled(trainRaw, scaler);
  let augmentSummary: DataSummary['augment'] = null;
  const { noise, scale, shift, copies, balance } = section.augment;
  if (copies > 0 || balance !== false) {
    const result = augment(train, { seed: section.augment.seed, noise, scale, shift, copies, balance });
    train = result.data;
    augmentSummary = { added: result.added, perClass: result.perClass, trainSize: train.count };
  }
  return {
    train,
    validation,
    test,
    scaler,
    summary: {
      ingest: report,
      classes: data.classes,
      steps: data.steps,
      channels: data.channels,
      split: {
        method: split.method,
        classCounts: {
          train: classCounts(trainRaw),
          validation: classCounts(validation),
          test: classCounts(test),
        },
        sizes: { train: split.train.length, validation: split.validation.length, test: split.test.length },
        settings: section.split,
      },
      scale: { method: section.scale.method, per: section.scale.per },
      clean: section.clean,
      augment: augmentSummary,
    },
  };
}
