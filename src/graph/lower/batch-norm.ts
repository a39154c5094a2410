/**
 * BatchNormalization at inference is a per-channel affine map y = scale·x + shift with
 * scale = gamma / sqrt(moving_variance + epsilon) and shift = beta - moving_mean·scale.
 * After a linear Dense/Conv it folds into that layer's weights and bias; anywhere else it
 * becomes MUL then ADD (the ADD can take a fused activation).
 */
import type { SpecOf } from '../../nn/spec.js';
import type { LoweringContext } from './context.js';

export interface ChannelAffine {
  scale: Float64Array;
  shift: Float64Array;
}

export function batchNormAffine(
  context: LoweringContext,
  spec: SpecOf<'batch_normalization'>,
  channels: number,
): ChannelAffine {
  const layer = spec.name!;
  const mean = context.weight(`${layer}/moving_mean`, [channels]);
  const variance = context.weight(`${layer}/moving_variance`, [channels]);
  const gamma = spec.scale === false ? undefined : context.weight(`${layer}/gamma`, [channels]);
  const beta = spec.center === false ? undefined : context.weight(`${layer}/beta`, [channels]);
  const epsilon = spec.epsilon ?? 1e-3;
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = (gamma?.[c] ?? 1) / Math.sqrt(variance[c]! + epsilon);
    shift[c] = (beta?.[c] ?? 0) - mean[c]! * scale[c]!;
  }
  return { scale, shift };
}

/**
 * Folds the affine map into a Keras-layout kernel whose last axis is the output channel
 * (Dense [in, out], Conv1D [k, in, out], DepthwiseConv1D [k, in, M] whose flat last two
 * axes are the output channels) and its bias (zero when the layer had none).
 */
export function foldAffine(
  kernel: Float32Array,
  bias: Float32Array | undefined,
  affine: ChannelAffine,
): { kernel: Float32Array; bias: Float32Array } {
  const channels = affine.scale.length;
  const folded = kernel.map((value, index) => value * affine.scale[index % channels]!);
  const shifted = new Float32Array(channels).map(
    (_, c) => (bias?.[c] ?? 0) * affine.scale[c]! + affine.shift[c]!,
  );
  return { kernel: folded, bias: shifted };
}

/** BatchNormalization that cannot fold: MUL by scale, ADD shift, per channel (last axis). */
export function lowerBatchNorm(context: LoweringContext, spec: SpecOf<'batch_normalization'>): void {
  const layer = spec.name!;
  const channels = context.shape().at(-1)!;
  const { scale, shift } = batchNormAffine(context, spec, channels);
  const builder = context.builder;
  const scaleTensor = builder.constant(`${layer}/scale`, [channels], Float32Array.from(scale));
  context.emit(
    { type: 'MUL', inputs: [context.current, scaleTensor], options: { fusedActivation: 'NONE' } },
    `${layer}/scaled`,
  );
  const shiftTensor = builder.constant(`${layer}/shift`, [channels], Float32Array.from(shift));
  context.emit(
    { type: 'ADD', inputs: [context.current, shiftTensor], options: { fusedActivation: 'NONE' } },
    `${layer}/output`,
  );
}
