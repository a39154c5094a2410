/** Builds a layer from its spec: the one place that maps spec types to layer classes. */
import { Activation } from './layers/activation.js';
import { BatchNormalization } from './layers/batch-normalization.js';
import { Conv1D } from './layers/conv1d.js';
import { Dense } from './layers/dense.js';
import { DepthwiseConv1D } from './layers/depthwise-conv1d.js';
import { Dropout } from './layers/dropout.js';
import { Flatten } from './layers/flatten.js';
import { Gru } from './layers/gru.js';
import { Lstm } from './layers/lstm.js';
import { Pooling1D } from './layers/pooling1d.js';
import type { Layer } from './layer.js';
import { parseLayerSpec, type LayerSpec } from './spec.js';
import { FLOAT32, type FloatArray, type Numeric } from './tensor.js';

/**
 * A new, unbuilt layer. The spec is validated first (bad fields give an EdgeforgeError
 * naming `place`); pass FLOAT64 as `numeric` for a float64 layer (gradient checks).
 */
export function createLayer(
  spec: LayerSpec,
  numeric?: Numeric<Float32Array>,
  place?: string,
): Layer<Float32Array>;
export function createLayer<A extends FloatArray>(
  spec: LayerSpec,
  numeric: Numeric<A>,
  place?: string,
): Layer<A>;
export function createLayer(
  spec: LayerSpec,
  numeric: Numeric<FloatArray> = FLOAT32,
  place = 'layer spec',
): Layer<FloatArray> {
  const valid = parseLayerSpec(spec, place);
  switch (valid.type) {
    case 'dense':
      return new Dense(valid, numeric);
    case 'lstm':
      return new Lstm(valid, numeric);
    case 'gru':
      return new Gru(valid, numeric);
    case 'conv1d':
      return new Conv1D(valid, numeric);
    case 'depthwise_conv1d':
      return new DepthwiseConv1D(valid, numeric);
    case 'max_pooling1d':
    case 'average_pooling1d':
    case 'global_max_pooling1d':
    case 'global_average_pooling1d':
      return new Pooling1D(valid, numeric);
    case 'flatten':
      return new Flatten(valid, numeric);
    case 'dropout':
      return new Dropout(valid, numeric);
    case 'batch_normalization':
      return new BatchNormalization(valid, numeric);
    case 'activation':
      return new Activation(valid, numeric);
  }
}
