/**
 * Which units to remove. Importance of a unit = the L1 norm of its outgoing weights: the
 * consumer's weights that read it (every row a Flatten or depthwise multiplier spreads it
 * to) plus, for LSTM/GRU, its row of the recurrent kernel. Outgoing rather than incoming
 * weights, because they bound what the rest of the network can see of the unit: a unit whose
 * outgoing weights are all zero is removed without changing any output. BatchNorm scales
 * between producer and consumer are not folded in.
 */
import type { LayerSpec } from '../../nn/spec.js';
import type { Shape } from '../../nn/tensor.js';
import { sliceL1, type ShapedValues } from './take.js';
import { isProducer, traceChannels, unitCount, type ChannelPath, type ProducerSpec } from './trace.js';

export type TensorTable = ReadonlyMap<string, ShapedValues>;

export interface UnitPlan {
  producer: number;
  units: number;
  /** Units that stay, ascending. */
  keep: number[];
  path: ChannelPath;
}

/** Removes round(fraction · units) units from every producer that has a consumer, at least one unit kept. */
export function planUnits(
  specs: readonly LayerSpec[],
  inputShapes: readonly Shape[],
  tensors: TensorTable,
  fraction: number,
): UnitPlan[] {
  const plans: UnitPlan[] = [];
  specs.forEach((spec, producer) => {
    const path = traceChannels(specs, inputShapes, producer);
    if (path === undefined || !isProducer(spec)) return;
    const units = unitCount(spec);
    const removeCount = Math.min(Math.round(fraction * units), units - 1);
    const scores = importance(spec, specs[path.consumer] as ProducerSpec, path, tensors);
    const ranked = scores
      .map((score, unit) => ({ score, unit }))
      .sort((a, b) => a.score - b.score || a.unit - b.unit);
    const removed = new Set(ranked.slice(0, removeCount).map((entry) => entry.unit));
    plans.push({
      producer,
      units,
      keep: scores.map((_, unit) => unit).filter((unit) => !removed.has(unit)),
      path,
    });
  });
  return plans;
}

function importance(
  spec: ProducerSpec,
  consumer: ProducerSpec,
  path: ChannelPath,
  tensors: TensorTable,
): number[] {
  const kernel = tensorOf(tensors, `${consumer.name!}/kernel`);
  const inputAxis = consumer.type === 'conv1d' ? 1 : 0;
  const groups = path.groups.get(path.consumer)!;
  const recurrent =
    spec.type === 'lstm' || spec.type === 'gru'
      ? tensorOf(tensors, `${spec.name!}/recurrent_kernel`)
      : undefined;
  return groups.map(
    (positions, unit) =>
      positions.reduce((sum, position) => sum + sliceL1(kernel, inputAxis, position), 0) +
      (recurrent ? sliceL1(recurrent, 0, unit) : 0),
  );
}

export function tensorOf(tensors: TensorTable, name: string): ShapedValues {
  const tensor = tensors.get(name);
  // The table comes from the built network, so a missing kernel is a bug here, not bad input.
  if (tensor === undefined) throw new Error(`structured pruning: no tensor '${name}'`);
  return tensor;
}
