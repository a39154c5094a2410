/**
 * Test support: one float graph running every operator the presets do not (PAD, DEPTHWISE_CONV_2D,
 * AVERAGE_POOL_2D, TANH, RELU6, ADD / SUB / MUL with broadcasting, CONCATENATION, REDUCE_MAX),
 * with seeded weights, on a [1, 8, 4] input.
 */
import type { Graph } from '../../src/graph/types.js';
import { Random } from '../../src/util/random.js';
import { GraphBuilder } from '../runtime/graph-builder.js';

export function opZooGraph(seed = 5): Graph {
  const random = new Random(seed);
  const values = (count: number, scale = 0.6) =>
    Array.from({ length: count }, () => random.uniform(-scale, scale));
  const g = new GraphBuilder();
  const x = g.input([1, 8, 4]);
  const image = g.tensor([1, 1, 8, 4]);
  g.op({ type: 'RESHAPE', inputs: [x, g.ints([1, 1, 8, 4])], outputs: [image], options: {} });
  const padded = g.tensor([1, 1, 10, 4]);
  g.op({
    type: 'PAD',
    inputs: [image, g.constant([4, 2], Int32Array.from([0, 0, 0, 0, 1, 1, 0, 0]))],
    outputs: [padded],
    options: {},
  });
  const depthwise = g.tensor([1, 1, 8, 8]);
  g.op({
    type: 'DEPTHWISE_CONV_2D',
    inputs: [padded, g.floats([1, 1, 3, 8], values(24)), g.floats([8], values(8, 0.2))],
    outputs: [depthwise],
    options: {
      padding: 'VALID',
      strideH: 1,
      strideW: 1,
      dilationH: 1,
      dilationW: 1,
      fusedActivation: 'RELU6',
      depthMultiplier: 2,
    },
  });
  const pooled = g.tensor([1, 1, 4, 8]);
  g.op({
    type: 'AVERAGE_POOL_2D',
    inputs: [depthwise],
    outputs: [pooled],
    options: { padding: 'SAME', strideH: 1, strideW: 2, filterH: 1, filterW: 3, fusedActivation: 'NONE' },
  });
  const tanh = g.tensor([1, 1, 4, 8]);
  g.op({ type: 'TANH', inputs: [pooled], outputs: [tanh], options: {} });
  const shifted = g.tensor([1, 1, 4, 8]);
  g.op({
    type: 'ADD',
    inputs: [tanh, g.floats([8], values(8))],
    outputs: [shifted],
    options: { fusedActivation: 'NONE' },
  });
  const product = g.tensor([1, 1, 4, 8]);
  g.op({ type: 'MUL', inputs: [shifted, pooled], outputs: [product], options: { fusedActivation: 'NONE' } });
  const joined = g.tensor([1, 1, 4, 16]);
  g.op({
    type: 'CONCATENATION',
    inputs: [product, tanh],
    outputs: [joined],
    options: { axis: 3, fusedActivation: 'NONE' },
  });
  const peak = g.tensor([1, 16]);
  g.op({
    type: 'REDUCE_MAX',
    inputs: [joined, g.ints([1, 2])],
    outputs: [peak],
    options: { keepDims: false },
  });
  const centred = g.tensor([1, 16]);
  g.op({
    type: 'SUB',
    inputs: [peak, g.floats([1], [-0.1])],
    outputs: [centred],
    options: { fusedActivation: 'RELU' },
  });
  g.output(centred);
  return g.build();
}
