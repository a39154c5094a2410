/**
 * Conv1D and DepthwiseConv1D as TFLite's 2-D ops on [1, 1, T, C] (height 1): CONV_2D with
 * an OHWI filter [out, 1, k, in], DEPTHWISE_CONV_2D with [1, 1, k, in·M]; strides and
 * dilation along W. Keras's causal padding is a PAD of (k - 1)·dilation steps on the left
 * followed by a VALID convolution.
 */
import type { SpecOf } from '../../nn/spec.js';
import type { Padding } from '../types.js';
import { applyActivation, mainOutputName } from './activation.js';
import { foldAffine, type ChannelAffine } from './batch-norm.js';
import type { LoweringContext } from './context.js';
import { transpose } from './keras-layout.js';

type ConvSpec = SpecOf<'conv1d' | 'depthwise_conv1d'>;

export function lowerConvolution(context: LoweringContext, spec: ConvSpec, affine?: ChannelAffine): void {
  const layer = spec.name!;
  const input = context.asImage(layer);
  const channels = context.shape()[3]!;
  const kernelSize = spec.kernelSize;
  const dilation = spec.dilationRate ?? 1;
  const padding = spec.padding ?? 'valid';
  const depthwise = spec.type === 'depthwise_conv1d';
  const multiplier = depthwise ? (spec.depthMultiplier ?? 1) : 1;
  const outChannels = depthwise ? channels * multiplier : spec.filters;
  const kernelName = depthwise ? 'depthwise_kernel' : 'kernel';
  let kernel = context.weight(`${layer}/${kernelName}`, [
    kernelSize,
    channels,
    depthwise ? multiplier : outChannels,
  ]);
  let bias = spec.useBias === false ? undefined : context.weight(`${layer}/bias`, [outChannels]);
  if (affine) ({ kernel, bias } = foldAffine(kernel, bias, affine));

  const builder = context.builder;
  if (padding === 'causal') {
    const left = (kernelSize - 1) * dilation;
    const paddings = builder.constant(
      `${layer}/paddings`,
      [4, 2],
      Int32Array.from([0, 0, 0, 0, left, 0, 0, 0]),
    );
    context.emit({ type: 'PAD', inputs: [input, paddings], options: {} }, `${layer}/padded`);
  }
  // Keras [k, in, out] read as [k·in, out] and transposed is OHWI [out, 1, k, in]; the
  // depthwise kernel [k, in, M] already is [1, 1, k, in·M] in memory.
  const filter = depthwise
    ? builder.constant(`${layer}/${kernelName}`, [1, 1, kernelSize, outChannels], kernel)
    : builder.constant(
        `${layer}/kernel`,
        [outChannels, 1, kernelSize, channels],
        transpose(kernel, kernelSize * channels, outChannels),
      );
  const biasTensor = bias === undefined ? -1 : builder.constant(`${layer}/bias`, [outChannels], bias);
  const window = {
    padding: (padding === 'same' ? 'SAME' : 'VALID') as Padding,
    strideH: 1,
    strideW: spec.strides ?? 1,
    dilationH: 1,
    dilationW: dilation,
    fusedActivation: 'NONE' as const,
  };
  const activation = spec.activation ?? 'linear';
  const inputs = [context.current, filter, biasTensor];
  const outputName = mainOutputName(layer, activation);
  if (depthwise) {
    context.emit(
      { type: 'DEPTHWISE_CONV_2D', inputs, options: { ...window, depthMultiplier: multiplier } },
      outputName,
    );
  } else {
    context.emit({ type: 'CONV_2D', inputs, options: window }, outputName);
  }
  applyActivation(context, activation, `${layer}/output`);
}
