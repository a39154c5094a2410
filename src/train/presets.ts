import type { LayerSpec } from '../nn/spec.js';

/**
 * The model zoo. Each preset is an architecture for the data's shape and classes plus the
 * training settings it was tuned with; the config can override any of them, or replace the
 * layers entirely.
 */
export const PRESET_NAMES = [
  'lstm-tutorial',
  'gru-small',
  'cnn1d-small',
  'mlp',
  'autoencoder',
  'autoencoder-conv',
] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** binary: one sigmoid output; multiclass: softmax over classes; autoencoder: reconstruct the input. */
export type Task = 'binary' | 'multiclass' | 'autoencoder';

export interface PresetSettings {
  layers: LayerSpec[];
  task: Task;
  epochs: number;
  batchSize: number;
  learningRate: number;
}

export interface DataShape {
  steps: number;
  channels: number;
  classes: number;
}

/** The classifier head: Dense(1, sigmoid) for two classes, Dense(K, softmax) otherwise. */
function classifierHead(classes: number): LayerSpec {
  return classes === 2
    ? { type: 'dense', units: 1, activation: 'sigmoid' }
    : { type: 'dense', units: classes, activation: 'softmax' };
}

function classifier(shape: DataShape, body: LayerSpec[], epochs: number): PresetSettings {
  return {
    layers: [...body, classifierHead(shape.classes)],
    task: shape.classes === 2 ? 'binary' : 'multiclass',
    epochs,
    batchSize: 32,
    learningRate: 0.001,
  };
}

export function presetSettings(name: PresetName, shape: DataShape): PresetSettings {
  const inputSize = shape.steps * shape.channels;
  switch (name) {
    // The tutorial's model: LSTM(32, return_sequences) -> LSTM(16) -> Dense(1, sigmoid), Adam, 10 epochs, batch 32.
    case 'lstm-tutorial':
      return classifier(
        shape,
        [
          { type: 'lstm', units: 32, returnSequences: true },
          { type: 'lstm', units: 16 },
        ],
        10,
      );
    case 'gru-small':
      return classifier(shape, [{ type: 'gru', units: 24 }], 12);
    case 'cnn1d-small':
      return classifier(
        shape,
        [
          { type: 'conv1d', filters: 16, kernelSize: 5, padding: 'same', activation: 'relu' },
          { type: 'max_pooling1d', poolSize: 2 },
          { type: 'conv1d', filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' },
          { type: 'max_pooling1d', poolSize: 2 },
          { type: 'conv1d', filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' },
          { type: 'global_average_pooling1d' },
        ],
        20,
      );
    case 'mlp':
      return classifier(
        shape,
        [
          { type: 'flatten' },
          { type: 'dense', units: 64, activation: 'relu' },
          { type: 'dropout', rate: 0.2 },
          { type: 'dense', units: 32, activation: 'relu' },
        ],
        20,
      );
    // Autoencoders learn healthy windows only; a large reconstruction error flags a fault.
    case 'autoencoder':
      return {
        layers: [
          { type: 'flatten' },
          { type: 'dense', units: 32, activation: 'relu' },
          { type: 'dense', units: 8, activation: 'relu' },
          { type: 'dense', units: 32, activation: 'relu' },
          { type: 'dense', units: inputSize },
        ],
        task: 'autoencoder',
        epochs: 30,
        batchSize: 32,
        learningRate: 0.001,
      };
    case 'autoencoder-conv':
      return {
        layers: [
          { type: 'conv1d', filters: 16, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' },
          { type: 'conv1d', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
          { type: 'flatten' },
          { type: 'dense', units: inputSize },
        ],
        task: 'autoencoder',
        epochs: 30,
        batchSize: 32,
        learningRate: 0.001,
      };
  }
}
