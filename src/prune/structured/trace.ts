/**
 * Where a layer's units go: from a producer (Dense, Conv1D, LSTM, GRU) forward through layers
 * that keep channels apart (Dropout, Activation, BatchNorm, pooling, Flatten, DepthwiseConv1D)
 * to the consumer that mixes them (the next Dense, Conv1D, LSTM or GRU). A producer with no
 * consumer is the model's output (its classes or reconstruction) and is never pruned.
 */
import type { LayerSpec } from '../../nn/spec.js';
import { sizeOf, type Shape } from '../../nn/tensor.js';

export type ProducerSpec = Extract<LayerSpec, { type: 'dense' | 'conv1d' | 'lstm' | 'gru' }>;

export function isProducer(spec: LayerSpec): spec is ProducerSpec {
  return spec.type === 'dense' || spec.type === 'conv1d' || spec.type === 'lstm' || spec.type === 'gru';
}

export function unitCount(spec: ProducerSpec): number {
  return spec.type === 'conv1d' ? spec.filters : spec.units;
}

/**
 * The columns of a producer's own weights (kernel last axis, recurrent kernel, bias) that
 * belong to `units`: LSTM/GRU gates sit side by side ([i, f, c, o] or [z, r, h]), each
 * `unitCount` wide, so a unit owns one column per gate.
 */
export function unitColumns(spec: ProducerSpec, units: readonly number[]): number[] {
  const gates = spec.type === 'lstm' ? 4 : spec.type === 'gru' ? 3 : 1;
  const width = unitCount(spec);
  return Array.from({ length: gates }, (_, gate) => units.map((unit) => gate * width + unit)).flat();
}

export interface ChannelPath {
  consumer: number;
  /**
   * For each layer after the producer up to the consumer: per producer unit, the positions
   * along that layer's input last axis that carry it (one each, until a Flatten spreads a
   * unit over every step or a depthwise multiplier over several channels).
   */
  groups: Map<number, number[][]>;
}

/** `inputShapes[i]`: layer i's input shape (batch excluded). */
export function traceChannels(
  specs: readonly LayerSpec[],
  inputShapes: readonly Shape[],
  producer: number,
): ChannelPath | undefined {
  const start = specs[producer];
  if (start === undefined || !isProducer(start)) return undefined;
  let groups = Array.from({ length: unitCount(start) }, (_, unit) => [unit]);
  const path = new Map<number, number[][]>();
  for (let index = producer + 1; index < specs.length; index++) {
    const spec = specs[index];
    path.set(index, groups);
    if (isProducer(spec)) return { consumer: index, groups: path };
    if (spec.type === 'flatten') {
      const shape = inputShapes[index];
      const width = shape[shape.length - 1];
      groups = spread(groups, sizeOf(shape) / width, (step, channel) => step * width + channel);
    } else if (spec.type === 'depthwise_conv1d') {
      const multiplier = spec.depthMultiplier ?? 1;
      groups = spread(groups, multiplier, (copy, channel) => channel * multiplier + copy);
    }
  }
  return undefined;
}

/** Each position becomes `copies` positions; keeps each group's positions ascending. */
function spread(
  groups: number[][],
  copies: number,
  position: (copy: number, channel: number) => number,
): number[][] {
  return groups.map((group) =>
    group
      .flatMap((channel) => Array.from({ length: copies }, (_, copy) => position(copy, channel)))
      .sort((a, b) => a - b),
  );
}

/** The positions of the kept units, ascending: the new layout of that axis. */
export function keptPositions(groups: readonly number[][], keep: readonly number[]): number[] {
  return keep.flatMap((unit) => groups[unit]).sort((a, b) => a - b);
}
