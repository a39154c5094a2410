/** Dense -> FULLY_CONNECTED with weights [out, in]; over a sequence it keeps the time axis. */
import type { SpecOf } from '../../nn/spec.js';
import { applyActivation, mainOutputName } from './activation.js';
import { foldAffine, type ChannelAffine } from './batch-norm.js';
import type { LoweringContext } from './context.js';
import { transpose } from './keras-layout.js';

export function lowerDense(context: LoweringContext, spec: SpecOf<'dense'>, affine?: ChannelAffine): void {
  const layer = spec.name!;
  const input = context.asSequence(`${layer}/input_3d`);
  const shape = context.shape();
  if (shape.length < 2) context.layerError(layer, 'needs an input with features');
  const depth = shape.at(-1)!;
  const units = spec.units;
  let kernel = context.weight(`${layer}/kernel`, [depth, units]);
  let bias = spec.useBias === false ? undefined : context.weight(`${layer}/bias`, [units]);
  if (affine) ({ kernel, bias } = foldAffine(kernel, bias, affine));
  const builder = context.builder;
  const weights = builder.constant(`${layer}/kernel`, [units, depth], transpose(kernel, depth, units));
  const biasTensor = bias === undefined ? -1 : builder.constant(`${layer}/bias`, [units], bias);
  const activation = spec.activation ?? 'linear';
  context.emit(
    {
      type: 'FULLY_CONNECTED',
      inputs: [input, weights, biasTensor],
      options: { fusedActivation: 'NONE', keepNumDims: shape.length > 2 },
    },
    mainOutputName(layer, activation),
  );
  applyActivation(context, activation, `${layer}/output`);
}
