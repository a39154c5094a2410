/**
 * Hand-built deploy graphs with weights chosen so every prediction is computable by hand:
 * the predict tests check windows, scaling and output reading against these formulas.
 */
import { GraphBuilder } from '../../src/graph/lower/graph-builder.js';
import type { Preprocessing } from '../../src/graph/types.js';
import type { PredictionModel } from '../../src/predict/model-source.js';

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Input [1, steps, channels] flattened to [1, steps * channels] (as lowering does for Flatten). */
function flattened(builder: GraphBuilder, steps: number, channels: number): { input: number; flat: number } {
  const input = builder.input('input', [1, steps, channels]);
  const shape = builder.ints('flatten/shape', [1, steps * channels]);
  const flat = builder.add({ type: 'RESHAPE', inputs: [input, shape], options: {} }, 'flatten/output');
  return { input, flat };
}

function dense(builder: GraphBuilder, from: number, weights: number[][], bias: number[]): number {
  const kernel = builder.constant(
    'dense/kernel',
    [weights.length, weights[0].length],
    Float32Array.from(weights.flat()),
  );
  const b = builder.constant('dense/bias', [bias.length], Float32Array.from(bias));
  return builder.add(
    {
      type: 'FULLY_CONNECTED',
      inputs: [from, kernel, b],
      options: { fusedActivation: 'NONE', keepNumDims: false },
    },
    'dense/output',
  );
}

/**
 * Long layout, 4 readings x channels (a, b), window stride 2, scaler (x - [1, 0]) / [2, 1] per
 * channel. Binary: p(fault) = sigmoid((a of the window's first reading - 1) / 2).
 */
export function firstReadingModel(): PredictionModel {
  const pre: Preprocessing = {
    steps: 4,
    channels: 2,
    channelNames: ['a', 'b'],
    layout: 'long',
    featureColumns: ['a', 'b'],
    labelColumn: 'label',
    scaler: { method: 'standard', per: 'channel', steps: 4, channels: 2, center: [1, 0], scale: [2, 1] },
    window: { length: 4, stride: 2 },
  };
  const builder = new GraphBuilder();
  const { input, flat } = flattened(builder, 4, 2);
  const logit = dense(builder, flat, [[1, 0, 0, 0, 0, 0, 0, 0]], [0]);
  const output = builder.add({ type: 'LOGISTIC', inputs: [logit], options: {} }, 'probability');
  const classes = ['ok', 'fault'];
  const graph = builder.build([input], [output], {
    task: 'binary',
    classes,
    preprocessing: pre,
    source: 'test',
  });
  return { file: 'first.efg', graph, task: 'binary', classes, pre, labelRule: 'last', hints: {} };
}

/** Wide layout, one row of s0..s2, no scaling; multiclass softmax over the row itself. */
export function softmaxRowModel(): PredictionModel {
  const featureColumns = ['s0', 's1', 's2'];
  const pre: Preprocessing = {
    steps: 3,
    channels: 1,
    channelNames: ['value'],
    layout: 'wide',
    featureColumns,
    labelColumn: 'label',
    scaler: { method: 'none', per: 'feature', steps: 3, channels: 1, center: [0, 0, 0], scale: [1, 1, 1] },
  };
  const builder = new GraphBuilder();
  const { input, flat } = flattened(builder, 3, 1);
  const identity = dense(
    builder,
    flat,
    [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    [0, 0, 0],
  );
  const output = builder.add({ type: 'SOFTMAX', inputs: [identity], options: { beta: 1 } }, 'probabilities');
  const classes = ['idle', 'walk', 'run'];
  const graph = builder.build([input], [output], {
    task: 'multiclass',
    classes,
    preprocessing: pre,
    source: 'test',
  });
  return { file: 'softmax.efg', graph, task: 'multiclass', classes, pre, labelRule: 'last', hints: {} };
}

/**
 * Wide layout, two values scaled by (x - 1) / 1; the "reconstruction" is all zeros, so the
 * error is the mean of the squared scaled values, flagged above the threshold 1.
 */
export function zeroAutoencoder(): PredictionModel {
  const pre: Preprocessing = {
    steps: 2,
    channels: 1,
    channelNames: ['value'],
    layout: 'wide',
    featureColumns: ['x0', 'x1'],
    labelColumn: 'label',
    scaler: { method: 'standard', per: 'feature', steps: 2, channels: 1, center: [1, 1], scale: [1, 1] },
  };
  const builder = new GraphBuilder();
  const { input, flat } = flattened(builder, 2, 1);
  const output = dense(
    builder,
    flat,
    [
      [0, 0],
      [0, 0],
    ],
    [0, 0],
  );
  const classes = ['normal', 'worn'];
  const anomaly = { threshold: 1, normalClass: 'normal' };
  const graph = builder.build([input], [output], {
    task: 'autoencoder',
    classes,
    preprocessing: pre,
    anomaly,
    source: 'test',
  });
  return { file: 'ae.efg', graph, task: 'autoencoder', classes, pre, anomaly, labelRule: 'last', hints: {} };
}
