/**
 * The model's own data: the file read with the columns, layout and windowing the model was
 * trained with, cut by the split its data summary records, and scaled with its fitted
 * scaler (never refitted), so the test split is exactly the one the model never saw.
 */
import { dataSectionSchema } from '../config/data-schema.js';
import type { SplitSummary } from '../data/prepare.js';
import { ingest } from '../data/ingest.js';
import { applyScaler } from '../data/scale.js';
import { splitData } from '../data/split.js';
import type { WindowSet } from '../data/types.js';
import { classCounts, subset } from '../data/window-set.js';
import { EdgeforgeError } from '../errors.js';
import type { TrainedModel } from '../train/model-file.js';

export interface ModelData {
  train: WindowSet;
  validation: WindowSet;
  test: WindowSet;
}

/** Split settings of models saved before the data summary recorded them: the data stage's defaults. */
function splitSettings(split: SplitSummary): NonNullable<SplitSummary['settings']> {
  return split.settings ?? dataSectionSchema.shape.split.parse({});
}

export async function loadModelData(
  model: TrainedModel,
  dataFile: string,
  modelFile?: string,
): Promise<ModelData> {
  const pre = model.preprocessing;
  const report = model.data.ingest;
  const { data } = await ingest({
    file: dataFile,
    layout: pre.layout,
    label: pre.labelColumn,
    features: pre.featureColumns,
    ignore: report.ignoredColumns.filter((c) => c.reason === 'ignored by config').map((c) => c.name),
    group: report.groupColumn,
    timestamp: report.timestampColumn,
    window: pre.window && {
      length: pre.window.length,
      stride: pre.window.stride,
      label: labelRule(pre.window),
    },
    clean: model.data.clean,
  }).catch((error: unknown) => {
    throw columnMismatch(error, model, modelFile);
  });
  checkShape(model, data, dataFile, modelFile);
  const split = splitData(data, splitSettings(model.data.split), dataFile);
  const parts = {
    train: subset(data, split.train),
    validation: subset(data, split.validation),
    test: subset(data, split.test),
  };
  checkSplit(model.data.split, parts, dataFile, modelFile);
  const scaled = (part: WindowSet): WindowSet => ({ ...part, x: applyScaler(pre.scaler, part.x) });
  return { train: scaled(parts.train), validation: scaled(parts.validation), test: scaled(parts.test) };
}

/** A header the model's columns are missing from: the fix is the model's own data, not a config change. */
function columnMismatch(error: unknown, model: TrainedModel, modelFile: string | undefined): unknown {
  if (!(error instanceof EdgeforgeError) || error.place !== 'header') return error;
  return new EdgeforgeError(error.message, {
    file: error.file,
    place: error.place,
    fix: `The model${modelFile ? ` ${modelFile}` : ''} reads the columns it was trained on; pass data with them, such as ${model.data.ingest.file}`,
  });
}

function labelRule(window: { labelRule: string }): 'last' | 'majority' {
  return window.labelRule === 'majority' ? 'majority' : 'last';
}

const RETRAIN_FIX = 'Pass the data file the model was trained on';

function checkShape(model: TrainedModel, data: WindowSet, dataFile: string, modelFile?: string): void {
  const pre = model.preprocessing;
  if (data.steps !== pre.steps || data.channels !== pre.channels) {
    throw new EdgeforgeError(
      `windows are ${data.steps} x ${data.channels}, the model${modelFile ? ` ${modelFile}` : ''} takes ${pre.steps} x ${pre.channels}`,
      { file: dataFile, fix: RETRAIN_FIX },
    );
  }
  if (data.classes.join('\u0000') !== pre.classes.join('\u0000')) {
    throw new EdgeforgeError(
      `the label column ${pre.labelColumn} holds classes [${data.classes.join(', ')}], the model knows [${pre.classes.join(', ')}]`,
      { file: dataFile, place: `column '${pre.labelColumn}'`, fix: RETRAIN_FIX },
    );
  }
}

/** The re-cut split must match the sizes and class counts the model's summary recorded. */
function checkSplit(
  recorded: SplitSummary,
  parts: ModelData,
  dataFile: string,
  modelFile: string | undefined,
): void {
  for (const name of ['train', 'validation', 'test'] as const) {
    const counts = classCounts(parts[name]);
    const expected = recorded.classCounts[name];
    if (parts[name].count === recorded.sizes[name] && counts.join() === expected.join()) continue;
    throw new EdgeforgeError(
      `the ${name} split comes out as ${parts[name].count} windows (per class ${counts.join('/')}), the model${modelFile ? ` ${modelFile}` : ''} was trained with ${recorded.sizes[name]} (${expected.join('/')})`,
      {
        file: dataFile,
        fix: `${RETRAIN_FIX} (${recorded.settings ? 'it records its split settings' : 'its summary does not record the split settings: retrain it with this edgeforge version'})`,
      },
    );
  }
}
