/**
 * The pruned model's architecture and weights: each producer keeps its planned units (all
 * gate blocks of an LSTM/GRU unit, and its recurrent-kernel row), and every layer its units
 * flow through loses the matching input positions — BatchNorm channels, depthwise channels
 * and the consumer's input rows.
 */
import type { LayerSpec } from '../../nn/spec.js';
import type { TensorTable, UnitPlan } from './plan.js';
import { takeAlongAxes, type AxisKeep } from './take.js';
import { keptPositions, unitColumns, type ProducerSpec } from './trace.js';

export function shrinkSpecs(specs: readonly LayerSpec[], plans: readonly UnitPlan[]): LayerSpec[] {
  const kept = new Map(plans.map((plan) => [plan.producer, plan.keep.length]));
  return specs.map((spec, index) => {
    const units = kept.get(index);
    if (units === undefined) return spec;
    return spec.type === 'conv1d' ? { ...spec, filters: units } : { ...spec, units };
  });
}

type Restrict = (tensor: string, axis: number, keep: readonly number[]) => void;

export function shrinkWeights(
  specs: readonly LayerSpec[],
  tensors: TensorTable,
  plans: readonly UnitPlan[],
): Record<string, Float32Array> {
  const keeps = new Map<string, AxisKeep[]>();
  const restrict: Restrict = (tensor, axis, keep) => {
    const shape = tensors.get(tensor)?.shape;
    if (shape === undefined) return; // no bias, or BatchNorm without center/scale
    const axes = keeps.get(tensor) ?? shape.map(() => undefined);
    axes[axis] = keep;
    keeps.set(tensor, axes);
  };
  for (const plan of plans) {
    restrictOutputs(restrict, specs[plan.producer] as ProducerSpec, plan.keep);
    for (const [index, groups] of plan.path.groups) {
      restrictInputs(restrict, specs[index], keptPositions(groups, plan.keep));
    }
  }
  const weights: Record<string, Float32Array> = {};
  for (const [name, tensor] of tensors) {
    const axes = keeps.get(name);
    weights[name] = axes === undefined ? tensor.values : takeAlongAxes(tensor, axes).values;
  }
  return weights;
}

function restrictOutputs(restrict: Restrict, spec: ProducerSpec, keep: readonly number[]): void {
  const name = spec.name!;
  if (spec.type === 'dense' || spec.type === 'conv1d') {
    restrict(`${name}/kernel`, spec.type === 'dense' ? 1 : 2, keep);
    restrict(`${name}/bias`, 0, keep);
    return;
  }
  const columns = unitColumns(spec, keep);
  restrict(`${name}/kernel`, 1, columns);
  restrict(`${name}/recurrent_kernel`, 0, keep);
  restrict(`${name}/recurrent_kernel`, 1, columns);
  // GRU bias is [2, 3u]: the input and recurrent bias rows.
  restrict(`${name}/bias`, spec.type === 'lstm' ? 0 : 1, columns);
}

function restrictInputs(restrict: Restrict, spec: LayerSpec, positions: number[]): void {
  const name = spec.name!;
  switch (spec.type) {
    case 'dense':
    case 'lstm':
    case 'gru':
      return restrict(`${name}/kernel`, 0, positions);
    case 'conv1d':
      return restrict(`${name}/kernel`, 1, positions);
    case 'batch_normalization':
      for (const kind of ['gamma', 'beta', 'moving_mean', 'moving_variance'])
        restrict(`${name}/${kind}`, 0, positions);
      return;
    case 'depthwise_conv1d': {
      const multiplier = spec.depthMultiplier ?? 1;
      restrict(`${name}/depthwise_kernel`, 1, positions);
      const outputs = positions.flatMap((channel) =>
        Array.from({ length: multiplier }, (_, m) => channel * multiplier + m),
      );
      return restrict(`${name}/bias`, 0, outputs);
    }
    default:
      return;
  }
}
