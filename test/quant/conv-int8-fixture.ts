/**
 * A hand-computed int8 CONV_2D (per-channel filters, input and output zero points) that the
 * TypeScript kernel tests and the WebAssembly kernel tests both check.
 */
import type { Graph, Padding } from '../../src/graph/types.js';
import { convOptions } from '../runtime/conv-fixtures.js';
import { q, QuantGraph } from './int8-graph.js';

/** The input 1 × 3 × 1 the graph is run on (int8 values). */
export const PER_CHANNEL_CONV_INPUT = [3, -1, 5];

/**
 * x scale 0.5 zero point 1; filter 0 taps [1, 2] scale 0.5, filter 1 taps [-3, 4] scale 0.25;
 * bias [4, -4]; output scale 1 zero point -2: multipliers 0.25 (2^30·2^-1) and 0.125.
 * VALID gives two output positions, SAME three (one position of padding after).
 */
export function perChannelConvGraph(padding: Padding): Graph {
  const g = new QuantGraph();
  const input = g.input([1, 1, 3, 1], q(0.5, 1));
  const filter = g.int8([2, 1, 2, 1], [1, 2, -3, 4], { scale: [0.5, 0.25], zeroPoint: [0, 0], axis: 0 });
  const bias = g.int32([2], [4, -4]);
  const out = g.tensor([1, 1, padding === 'SAME' ? 3 : 2, 2], q(1, -2));
  g.op({ type: 'CONV_2D', inputs: [input, filter, bias], outputs: [out], options: convOptions({ padding }) });
  return g.output(out).build();
}

/**
 * x - 1 = [2, -2, 4].
 * position 0: f0 2 - 4 + 4 = 2 -> 1 -> 0.5 -> 1 -> -1;  f1 -6 - 8 - 4 = -18 -> -9 -> -2.25 -> -2 -> -4
 * position 1: f0 -2 + 8 + 4 = 10 -> 5 -> 2.5 -> 3 -> 1;  f1 6 + 16 - 4 = 18 -> 9 -> 2.25 -> 2 -> 0
 * SAME, position 2 sees only x = 4 (the padding adds nothing, not the zero point):
 *   f0 4 + 4 = 8 -> 4 -> 2 -> 0;  f1 -12 - 4 = -16 -> -8 -> -2 -> -4
 */
export const PER_CHANNEL_CONV_EXPECTED: Record<Padding, number[]> = {
  VALID: [-1, -4, 1, 0],
  SAME: [-1, -4, 1, 0, 0, -4],
};
