/**
 * Lowering: a trained Sequential model (model.json) becomes a deploy graph of TFLite-shaped
 * operators. Dropout disappears, BatchNorm folds into a preceding linear Dense/Conv (else
 * MUL + ADD), activations fuse as TFLite does; the result is validated. The conventions are
 * in docs/graph-format.md ("Lowering").
 */
import { Sequential } from '../../nn/sequential.js';
import type { LayerSpec, SpecOf } from '../../nn/spec.js';
import type { TrainedModel } from '../../train/model-file.js';
import type { Graph, GraphMetadata } from '../types.js';
import { validateGraph } from '../validate.js';
import { applyActivation } from './activation.js';
import { batchNormAffine, lowerBatchNorm, type ChannelAffine } from './batch-norm.js';
import { LoweringContext } from './context.js';
import { lowerConvolution } from './convolution.js';
import { lowerDense } from './dense.js';
import { lowerFlatten, lowerGlobalPool, lowerPool } from './pooling.js';
import { lowerGru, lowerLstm } from './recurrent.js';

/** `source`: the model file's path, for errors and the graph's metadata. */
export function lowerModel(model: TrainedModel, source?: string): Graph {
  const context = new LoweringContext(model.weights, model.architecture.inputShape, source);
  // Dropout is the identity at inference (and BatchNorm folds across it).
  const layers = namedLayers(model.architecture.layers).filter(
    (spec): spec is DeployedSpec => spec.type !== 'dropout',
  );
  for (let index = 0; index < layers.length; index++) {
    const spec = layers[index]!;
    const next = layers[index + 1];
    const folded = next?.type === 'batch_normalization' && canFold(spec) ? next : undefined;
    lowerLayer(context, spec, folded && ((channels) => batchNormAffine(context, folded, channels)));
    if (folded) index++;
  }
  // A model ending in a convolution answers in Keras's [1, T, C], not the 4-D working form.
  context.asSequence('output');
  const graph = context.builder.build([0], [context.current], metadataOf(model, source));
  validateGraph(graph, source);
  return graph;
}

type DeployedSpec = Exclude<LayerSpec, { type: 'dropout' }>;

/** Every spec with its defaults and Keras-style name filled in, as the trainer built them. */
function namedLayers(specs: LayerSpec[]): LayerSpec[] {
  return new Sequential(specs).layers.map((layer) => layer.config());
}

/** BatchNorm folds into a Dense/Conv whose output it reads directly (no activation between). */
function canFold(spec: DeployedSpec): boolean {
  const foldable = spec.type === 'dense' || spec.type === 'conv1d' || spec.type === 'depthwise_conv1d';
  return foldable && (spec.activation ?? 'linear') === 'linear';
}

/** `fold` gives the BatchNorm to fold into this layer, for its output channel count. */
function lowerLayer(
  context: LoweringContext,
  spec: DeployedSpec,
  fold?: (channels: number) => ChannelAffine,
): void {
  switch (spec.type) {
    case 'dense':
      return lowerDense(context, spec, fold?.(spec.units));
    case 'conv1d':
      return lowerConvolution(context, spec, fold?.(spec.filters));
    case 'depthwise_conv1d':
      return lowerConvolution(context, spec, fold?.(depthwiseChannels(context, spec)));
    case 'lstm':
      return lowerLstm(context, spec);
    case 'gru':
      return lowerGru(context, spec);
    case 'max_pooling1d':
    case 'average_pooling1d':
      return lowerPool(context, spec);
    case 'global_max_pooling1d':
    case 'global_average_pooling1d':
      return lowerGlobalPool(context, spec);
    case 'flatten':
      return lowerFlatten(context, spec);
    case 'batch_normalization':
      return lowerBatchNorm(context, spec);
    case 'activation':
      return applyActivation(context, spec.activation, `${spec.name!}/output`);
  }
}

function depthwiseChannels(context: LoweringContext, spec: SpecOf<'depthwise_conv1d'>): number {
  return context.shape().at(-1)! * (spec.depthMultiplier ?? 1);
}

function metadataOf(model: TrainedModel, source?: string): GraphMetadata {
  const pre = model.preprocessing;
  return {
    task: model.task,
    classes: [...pre.classes],
    preprocessing: {
      steps: pre.steps,
      channels: pre.channels,
      channelNames: [...pre.channelNames],
      layout: pre.layout,
      featureColumns: [...pre.featureColumns],
      labelColumn: pre.labelColumn,
      scaler: pre.scaler,
      ...(pre.window && { window: { length: pre.window.length, stride: pre.window.stride } }),
    },
    ...(model.anomaly && { anomaly: { ...model.anomaly } }),
    source: `edgeforge model ${source ?? '(in memory)'}`,
    notes: {
      preset: model.training.preset,
      trainedAt: model.createdAt,
      // Long layout: how a window's label was chosen, for scoring labelled streams the same way.
      ...(pre.window && { labelRule: pre.window.labelRule }),
    },
  };
}
