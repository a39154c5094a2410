/**
 * Pooling and Flatten: MaxPool1D/AvgPool1D -> MAX_POOL_2D/AVERAGE_POOL_2D on [1, 1, T, C]
 * (filter and stride along W; TFLite's SAME pooling, like Keras's, ignores padded positions);
 * global pooling -> MEAN/REDUCE_MAX over the time axis (axes [1], or [1, 2] on the 4-D
 * form); Flatten -> RESHAPE to [1, N].
 */
import type { SpecOf } from '../../nn/spec.js';
import { elementCount } from '../shapes.js';
import type { LoweringContext } from './context.js';

export function lowerPool(
  context: LoweringContext,
  spec: SpecOf<'max_pooling1d' | 'average_pooling1d'>,
): void {
  const layer = spec.name!;
  const input = context.asImage(layer);
  const poolSize = spec.poolSize ?? 2;
  context.emit(
    {
      type: spec.type === 'max_pooling1d' ? 'MAX_POOL_2D' : 'AVERAGE_POOL_2D',
      inputs: [input],
      options: {
        padding: spec.padding === 'same' ? 'SAME' : 'VALID',
        strideH: 1,
        strideW: spec.strides ?? poolSize,
        filterH: 1,
        filterW: poolSize,
        fusedActivation: 'NONE',
      },
    },
    `${layer}/output`,
  );
}

export function lowerGlobalPool(
  context: LoweringContext,
  spec: SpecOf<'global_max_pooling1d' | 'global_average_pooling1d'>,
): void {
  const layer = spec.name!;
  const rank = context.shape().length;
  if (rank !== 3 && rank !== 4) context.layerError(layer, 'needs a sequence [steps, channels]');
  const axes = context.builder.ints(`${layer}/axes`, rank === 4 ? [1, 2] : [1]);
  context.emit(
    {
      type: spec.type === 'global_max_pooling1d' ? 'REDUCE_MAX' : 'MEAN',
      inputs: [context.current, axes],
      options: { keepDims: false },
    },
    `${layer}/output`,
  );
}

export function lowerFlatten(context: LoweringContext, spec: SpecOf<'flatten'>): void {
  const shape = context.shape();
  if (shape.length > 2) context.reshape([1, elementCount(shape.slice(1))], `${spec.name!}/output`);
}
