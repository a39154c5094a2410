/**
 * Which values of a model fake quantization touches, decided per layer from its spec the way
 * lowering and the PTQ pass will treat it, so training sees the int8 graph's arithmetic:
 *  - weights: Dense, Conv1D and DepthwiseConv1D kernels symmetric per output channel (or per
 *    tensor); LSTM kernel and recurrent kernel per gate, one scale each, as the integer LSTM
 *    stores them. Biases stay float: their int32 step (input scale x weight scale) is far
 *    below the activations' int8 step. GRU is left float (its int8 form is not built yet).
 *  - outputs: an op whose int8 output is calibrated gets a tracked range named after the graph
 *    tensor lowering gives it (`<layer>/output`; `<layer>/linear` or `<layer>/output/pre_tanh`
 *    for the logits before a sigmoid, softmax or tanh); LOGISTIC / TANH / SOFTMAX outputs use
 *    TFLite's fixed parameters; pools, reshapes and dropout share their input's parameters, so
 *    they get nothing. The LSTM output is symmetric, as its hidden state is in the integer
 *    kernel; only a full-sequence output names the LSTM op's tensor (the last step alone does
 *    not cover the sequence's range).
 *  - a Dense/Conv that lowering folds a BatchNorm into keeps float weights and output; the
 *    BatchNorm's tracked output names the folded op's tensor.
 */
import { EdgeforgeError } from '../../errors.js';
import type { ActivationName } from '../../nn/kernels/index.js';
import type { Layer } from '../../nn/layer.js';
import type { Sequential } from '../../nn/sequential.js';
import type { LayerSpec } from '../../nn/spec.js';
import { sizeOf, type Weight } from '../../nn/tensor.js';
import { FIXED_OUTPUTS } from '../ptq/op-rules.js';
import { FakeQuantLayer } from './fake-quant-layer.js';
import { FixedParams, TrackedRange } from './param-sources.js';
import { ActivationQuantizer, WeightQuantizer } from './quantizers.js';

/** The lowered graph's input tensor. */
const GRAPH_INPUT = 'input';

const FIXED_OP: Partial<Record<ActivationName, keyof typeof FIXED_OUTPUTS>> = {
  sigmoid: 'LOGISTIC',
  tanh: 'TANH',
  softmax: 'SOFTMAX',
};

/** The graph tensor holding a Dense/Conv's values before its final sigmoid, softmax or tanh. */
function preActivationTensor(layer: string, activation: ActivationName): string | undefined {
  if (activation === 'tanh') return `${layer}/output/pre_tanh`;
  if (activation === 'sigmoid' || activation === 'softmax') return `${layer}/linear`;
  return undefined;
}

function tracked(tensor: string | undefined, ranges: TrackedRange[], symmetric = false): ActivationQuantizer {
  const range = new TrackedRange(tensor, symmetric);
  ranges.push(range);
  return new ActivationQuantizer(range);
}

/** A layer's activated output: tracked, or fixed after a sigmoid / tanh / softmax. */
function activatedOutput(
  layer: string,
  activation: ActivationName,
  ranges: TrackedRange[],
): ActivationQuantizer {
  const fixed = FIXED_OP[activation];
  return fixed
    ? new ActivationQuantizer(new FixedParams(FIXED_OUTPUTS[fixed]))
    : tracked(`${layer}/output`, ranges);
}

/**
 * The values before a final activation: without one they are the output itself (one tensor, one
 * range); before a relu they have no tensor of their own and stay float.
 */
function logitsOutput(
  layer: string,
  activation: ActivationName,
  output: ActivationQuantizer,
  ranges: TrackedRange[],
): ActivationQuantizer | undefined {
  if (activation === 'linear') return output;
  const tensor = preActivationTensor(layer, activation);
  return tensor === undefined ? undefined : tracked(tensor, ranges);
}

interface OutputQuantizers {
  output?: ActivationQuantizer;
  logits?: ActivationQuantizer;
}

/** `folded`: the layer a BatchNorm folds into, whose graph tensor then holds the BatchNorm's output. */
function planOutputs(spec: LayerSpec, folded: string | undefined, ranges: TrackedRange[]): OutputQuantizers {
  const layer = spec.name!;
  switch (spec.type) {
    case 'dense':
    case 'conv1d':
    case 'depthwise_conv1d': {
      const activation = spec.activation ?? 'linear';
      const output = activatedOutput(layer, activation, ranges);
      return { output, logits: logitsOutput(layer, activation, output, ranges) };
    }
    case 'activation':
      return { output: activatedOutput(layer, spec.activation, ranges) };
    case 'lstm':
      return { output: tracked(spec.returnSequences ? `${layer}/output` : undefined, ranges, true) };
    case 'global_average_pooling1d':
      return { output: tracked(`${layer}/output`, ranges) };
    case 'batch_normalization':
      return { output: tracked(`${folded ?? layer}/output`, ranges) };
    default:
      return {};
  }
}

function weightOf(layer: Layer, name: string): Weight {
  const weight = layer.params().find((candidate) => candidate.name === `${layer.name}/${name}`);
  if (weight === undefined) {
    throw new EdgeforgeError(`has no weight '${name}'`, {
      place: `layer '${layer.name}'`,
      fix: 'Fine-tune a model built by edgeforge train',
    });
  }
  return weight;
}

function planWeights(layer: Layer, spec: LayerSpec, perChannel: boolean): WeightQuantizer[] {
  const matrix = (name: string, columns: number) =>
    new WeightQuantizer(weightOf(layer, name), perChannel ? columns : 1, perChannel ? 1 : columns);
  switch (spec.type) {
    case 'dense':
      return [matrix('kernel', spec.units)];
    case 'conv1d':
      return [matrix('kernel', spec.filters)];
    case 'depthwise_conv1d': {
      const [, channels, multiplier] = weightOf(layer, 'depthwise_kernel').shape;
      return [matrix('depthwise_kernel', channels * multiplier)];
    }
    case 'lstm':
      return ['kernel', 'recurrent_kernel'].map(
        (name) => new WeightQuantizer(weightOf(layer, name), 4, spec.units),
      );
    default:
      return [];
  }
}

/** Lowering folds a BatchNorm into the linear Dense/Conv right before it (dropout between is gone). */
function foldsInto(specs: LayerSpec[], index: number): string | undefined {
  if (specs[index].type !== 'batch_normalization') return undefined;
  let previous = index - 1;
  while (previous >= 0 && specs[previous].type === 'dropout') previous--;
  const producer = specs[previous];
  const foldable =
    producer !== undefined &&
    (producer.type === 'dense' || producer.type === 'conv1d' || producer.type === 'depthwise_conv1d') &&
    (producer.activation ?? 'linear') === 'linear';
  return foldable ? producer.name : undefined;
}

/**
 * Wraps every layer of `network` in fake quantization; returns the tracked ranges, whose
 * `tensor` names say where each belongs in the lowered graph.
 */
export function applyFakeQuantization(network: Sequential, perChannel: boolean): TrackedRange[] {
  const ranges: TrackedRange[] = [];
  const specs = network.layers.map((layer) => layer.config());
  const summary = network.summary();
  const folded = specs.map((_, index) => foldsInto(specs, index));
  const input = tracked(GRAPH_INPUT, ranges);
  network.wrapLayers((layer, index) => {
    const spec = specs[index];
    const foldedAway = folded.includes(spec.name);
    const outputs = foldedAway ? {} : planOutputs(spec, folded[index], ranges);
    return new FakeQuantLayer(layer, {
      weights: foldedAway ? [] : planWeights(layer, spec, perChannel),
      ...(index === 0 && { input }),
      ...outputs,
      inputSize: sizeOf(index === 0 ? summary.inputShape : summary.layers[index - 1].outputShape),
      outputSize: sizeOf(summary.layers[index].outputShape),
    });
  });
  return ranges;
}
