import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { DataSummary } from '../data/prepare.js';
import type { FittedScaler } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import { Sequential, type SequentialConfig } from '../nn/sequential.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { EpochRecord } from './history.js';
import type { ClassificationReport } from './metrics/classification-report.js';
import type { Task } from './presets.js';
import { decodeWeights, encodeWeights } from './weights-codec.js';

/**
 * The trained-model file (docs/model-format.md): one JSON document holding the
 * architecture, the weights (base64 float32, little-endian), the preprocessing the model
 * needs at inference, the label map, the training history and the data summary.
 */
export const MODEL_FORMAT = 'edgeforge-model';
export const MODEL_FORMAT_VERSION = 1;

export interface Preprocessing {
  layout: 'wide' | 'long';
  steps: number;
  channels: number;
  channelNames: string[];
  featureColumns: string[];
  labelColumn: string;
  /** Class names; the model's output index is the class id. */
  classes: string[];
  scaler: FittedScaler;
  window?: { length: number; stride: number; labelRule: string };
}

export interface AnomalyEvaluation {
  threshold: number;
  normalClass: string;
  auc: number;
  /** Normal (0) vs anomalous (1) with the threshold applied. */
  report: ClassificationReport;
}

export interface TrainingRecord {
  preset: string;
  seed: number;
  epochs: number;
  batchSize: number;
  optimizer: { type: string; learningRate: number };
  history: EpochRecord[];
  bestEpoch: number;
  stoppedEarly: boolean;
  seconds: number;
}

export interface TrainedModel {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_FORMAT_VERSION;
  createdAt: string;
  task: Task;
  architecture: SequentialConfig;
  weights: Record<string, Float32Array>;
  preprocessing: Preprocessing;
  anomaly?: { threshold: number; normalClass: string };
  training: TrainingRecord;
  evaluation: { test: ClassificationReport | AnomalyEvaluation };
  data: DataSummary;
}

const fileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_FORMAT_VERSION),
  task: z.enum(['binary', 'multiclass', 'autoencoder']),
  architecture: z.object({
    inputShape: z.array(z.int().positive()),
    layers: z.array(z.record(z.string(), z.unknown())),
  }),
  weights: z.record(z.string(), z.string()),
  preprocessing: z.object({ classes: z.array(z.string()), scaler: z.object({}).loose() }).loose(),
});

export async function saveModel(file: string, model: TrainedModel): Promise<void> {
  const document = { ...model, weights: encodeWeights(model.weights) };
  await writeFileAtomic(file, `${JSON.stringify(document, null, 1)}\n`);
}

export async function loadModel(file: string): Promise<TrainedModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new EdgeforgeError('model file not found or not readable', {
      file,
      fix: 'Check the path; edgeforge train writes model.json',
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new EdgeforgeError('is not an edgeforge model (not JSON)', {
      file,
      fix: 'Pass the model.json that edgeforge train wrote',
    });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EdgeforgeError(
      `is not a readable edgeforge model: field ${issue.path.join('.') || '(top)'}: ${issue.message}`,
      {
        file,
        fix: `Pass a model file of format ${MODEL_FORMAT} version ${MODEL_FORMAT_VERSION}`,
      },
    );
  }
  const document = raw as Omit<TrainedModel, 'weights'> & { weights: Record<string, string> };
  return { ...document, weights: decodeWeights(document.weights, { file }) };
}

/** The trained network, rebuilt from the file's architecture and weights. */
export function instantiate(model: TrainedModel, file?: string): Sequential {
  const network = new Sequential(model.architecture.layers).build(model.architecture.inputShape, 0);
  network.setWeights(model.weights, file);
  return network;
}
