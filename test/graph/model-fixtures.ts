import { Sequential } from '../../src/nn/sequential.js';
import type { LayerSpec } from '../../src/nn/spec.js';
import { presetSettings, type PresetName } from '../../src/train/presets.js';
import type { TrainedModel } from '../../src/train/model-file.js';
import { Random } from '../../src/util/random.js';
import { dataSummary, identityScaler } from '../train/fixtures.js';

export interface ModelFixture {
  model: TrainedModel;
  network: Sequential;
}

/**
 * A TrainedModel as edgeforge train saves it, without training: the network's seeded
 * initial weights, with every bias and BatchNorm statistic set to non-trivial values so
 * lowering mistakes (a dropped bias, a wrong gate order) change the outputs.
 */
export function untrainedModel(
  layers: LayerSpec[],
  steps: number,
  channels: number,
  task: TrainedModel['task'],
  classes: string[],
  seed = 7,
): ModelFixture {
  const network = new Sequential(layers).build([steps, channels], seed);
  const random = new Random(seed + 1);
  const weights = network.getWeights();
  for (const [name, values] of Object.entries(weights)) {
    if (name.endsWith('/moving_variance')) values.forEach((_, i) => (values[i] = random.uniform(0.3, 2)));
    else if (/\/(bias|moving_mean|beta)$/.test(name))
      values.forEach((_, i) => (values[i] = random.uniform(-0.5, 0.5)));
    else if (name.endsWith('/gamma')) values.forEach((_, i) => (values[i] = random.uniform(0.5, 1.5)));
  }
  network.setWeights(weights);
  const scaler = identityScaler(steps, channels);
  const report = {
    classes: classes.map((name) => ({ name, precision: 1, recall: 1, f1: 1, support: 1 })),
    accuracy: 1,
    macro: { precision: 1, recall: 1, f1: 1 },
    weighted: { precision: 1, recall: 1, f1: 1 },
    confusionMatrix: classes.map((_, row) => classes.map((__, column) => (row === column ? 1 : 0))),
  };
  const channelNames = Array.from({ length: channels }, (_, c) => `ch${c}`);
  const model: TrainedModel = {
    format: 'edgeforge-model',
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    task,
    architecture: network.config(),
    weights,
    preprocessing: {
      layout: 'wide',
      steps,
      channels,
      channelNames,
      featureColumns: channelNames,
      labelColumn: 'label',
      classes,
      scaler,
    },
    ...(task === 'autoencoder' && { anomaly: { threshold: 0.5, normalClass: classes[0]! } }),
    training: {
      preset: 'custom',
      seed,
      epochs: 0,
      batchSize: 32,
      optimizer: { type: 'adam', learningRate: 0.001 },
      history: [],
      bestEpoch: 0,
      stoppedEarly: false,
      seconds: 0,
    },
    evaluation: { test: report },
    data: dataSummary({
      file: 'fixture.csv',
      rows: 0,
      classes,
      steps,
      channels,
      featureColumns: channelNames,
    }),
  };
  return { model, network };
}

/** A preset's model for data of `steps` × `channels` and `classes` classes. */
export function presetModel(
  preset: PresetName,
  steps: number,
  channels: number,
  classCount: number,
): ModelFixture {
  const settings = presetSettings(preset, { steps, channels, classes: classCount });
  const classes = Array.from({ length: classCount }, (_, c) => `class${c}`);
  const fixture = untrainedModel(settings.layers, steps, channels, settings.task, classes);
  fixture.model.training.preset = preset;
  return fixture;
}

/** Seeded inputs for `batch` samples. */
export function randomInputs(count: number, seed: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: count }, () => random.normal(0, 1));
}
