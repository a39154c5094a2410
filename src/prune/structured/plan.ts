/**
 * Which units to remove. Importance of a unit = L1 of its incoming weights × L1 of its
 * outgoing weights. Incoming: its columns of the layer's own kernel (and, for LSTM/GRU, of
 * the recurrent kernel, every gate). Outgoing: the consumer's weights that read it (every row
 * a Flatten or depthwise multiplier spreads it to) plus, for LSTM/GRU, its recurrent-kernel
 * row. A unit matters only if it both receives signal and passes it on, so the product is
 * zero when either side is: a unit whose outgoing weights are all zero goes without changing
 * any output. On small synthetic sets this ranked better, before and after fine-tuning, than
 * either norm alone (Li et al.'s incoming filter norm, or outgoing alone). BatchNorm scales
 * between producer and consumer are not folded in.
 */
import type { LayerSpec } from '../../nn/spec.js';
import type { Shape } from '../../nn/tensor.js';
import { sliceL1, type ShapedValues } from './take.js';
import {
  isProducer,
  traceChannels,
  unitColumns,
  unitCount,
  type ChannelPath,
  type ProducerSpec,
} from './trace.js';

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
  const name = spec.name!;
  const kernel = tensorOf(tensors, `${name}/kernel`);
  const recurrent =
    spec.type === 'lstm' || spec.type === 'gru' ? tensorOf(tensors, `${name}/recurrent_kernel`) : undefined;
  const consumerKernel = tensorOf(tensors, `${consumer.name!}/kernel`);
  const consumerAxis = consumer.type === 'conv1d' ? 1 : 0;
  const groups = path.groups.get(path.consumer)!;
  return groups.map((positions, unit) => {
    let incoming = 0;
    for (const column of unitColumns(spec, [unit])) {
      incoming +=
        sliceL1(kernel, kernel.shape.length - 1, column) + (recurrent ? sliceL1(recurrent, 1, column) : 0);
    }
    let outgoing = recurrent ? sliceL1(recurrent, 0, unit) : 0;
    for (const position of positions) outgoing += sliceL1(consumerKernel, consumerAxis, position);
    return incoming * outgoing;
  });
}

export function tensorOf(tensors: TensorTable, name: string): ShapedValues {
  const tensor = tensors.get(name);
  // The table comes from the built network, so a missing kernel is a bug here, not bad input.
  if (tensor === undefined) throw new Error(`structured pruning: no tensor '${name}'`);
  return tensor;
}
