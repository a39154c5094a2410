import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSectionSchema, type DataSection } from '../../src/config/data-schema.js';
import { trainSectionSchema } from '../../src/config/train-schema.js';
import { prepareData, type PreparedData } from '../../src/data/prepare.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import type { TrainedModel } from '../../src/train/model-file.js';
import { trainModel } from '../../src/train/train-model.js';

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'edgeforge-compress-'));
}

/**
 * A small conv classifier: conv(16 filters of 5) -> pool -> conv(16 of 3) -> global average
 * -> dense(1): 5*16+16 + 3*16*16+16 + 16+1 = 897 parameters.
 */
export const SMALL_CONV: LayerSpec[] = [
  { type: 'conv1d', filters: 16, kernelSize: 5, padding: 'same', activation: 'relu' },
  { type: 'max_pooling1d', poolSize: 2 },
  { type: 'conv1d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' },
  { type: 'global_average_pooling1d' },
  { type: 'dense', units: 1, activation: 'sigmoid' },
];
export const SMALL_CONV_PARAMETERS = 897;

/** Synthetic bearing windows (binary), with a split that differs from the data stage's defaults. */
export function synthSection(file: string, rows = 400): DataSection {
  return dataSectionSchema.parse({
    file,
    synthesize: { rows, length: 32, seed: 3 },
    label: 'fault_label',
    ignore: ['fault_name'],
    split: { train: 0.6, validation: 0.2, test: 0.2, seed: 11 },
  });
}

export interface Trained {
  file: string;
  prepared: PreparedData;
  model: TrainedModel;
}

/** Synthesizes `file`, prepares it and trains `layers` for a few epochs. */
export async function trainSmall(
  file: string,
  layers: LayerSpec[] = SMALL_CONV,
  epochs = 3,
): Promise<Trained> {
  const prepared = await prepareData(synthSection(file));
  const model = await trainModel(
    prepared,
    trainSectionSchema.parse({ layers, task: 'binary', epochs, batchSize: 16, checkpoint: false, seed: 1 }),
  );
  return { file, prepared, model };
}
