/**
 * The int8 WebAssembly DEPTHWISE_CONV_2D kernel against its specification, the TypeScript
 * int8 kernel, bit for bit: a hand-computed fixture, odd sizes over every option (depth
 * multipliers, padding, stride, dilation, batch, per-channel and per-tensor filters).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DepthwiseConv2DOptions, FusedActivation, Graph, Padding } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/index.js';
import { Random } from '../../src/util/random.js';
import { q, QuantGraph } from '../quant/int8-graph.js';
import { assertTwins } from './twins.js';
import { depthwiseOptions, int8Values, convOutputSize } from '../runtime/conv-fixtures.js';

interface DepthwiseCase {
  height: number;
  width: number;
  channels: number;
  multiplier: number;
  kernelH: number;
  kernelW: number;
  options: Omit<DepthwiseConv2DOptions, 'depthMultiplier'>;
  perChannel: boolean;
}

function depthwiseGraph(c: DepthwiseCase, random: Random): Graph | undefined {
  const { options } = c;
  const { outH, outW } = convOutputSize(c, options);
  if (outH < 1 || outW < 1) return undefined;
  const filters = c.channels * c.multiplier;
  const g = new QuantGraph();
  const input = g.input([1, c.height, c.width, c.channels], q(0.05, random.int(61) - 30));
  const scales = Array.from({ length: c.perChannel ? filters : 1 }, () => 0.002 + 0.02 * random.next());
  const filter = g.int8(
    [1, c.kernelH, c.kernelW, filters],
    Array.from(int8Values(random, c.kernelH * c.kernelW * filters)),
    c.perChannel ? { scale: scales, zeroPoint: scales.map(() => 0), axis: 3 } : q(scales[0]),
  );
  const bias = g.int32(
    [filters],
    Array.from({ length: filters }, () => random.int(6001) - 3000),
  );
  const outputScale = 0.05 * 0.01 * 4900 * Math.sqrt(c.kernelH * c.kernelW);
  const out = g.tensor([1, outH, outW, filters], q(outputScale, random.int(41) - 20));
  g.op({
    type: 'DEPTHWISE_CONV_2D',
    inputs: [input, filter, bias],
    outputs: [out],
    options: { ...options, depthMultiplier: c.multiplier },
  });
  return g.output(out).build();
}

test('DEPTHWISE_CONV_2D hand-computed: depth multiplier 2, SAME padding, on WebAssembly', () => {
  // Input 1 × 3 × 1 (scale 0.5, zero point 1) = [3, -1, 5] -> x - 1 = [2, -2, 4]. Filter taps
  // [kx][channel]: kx 0 [1, -1], kx 1 [2, 3]; per-channel scales 0.5 and 0.25, output scale 1:
  // multipliers 2^30·2^-1 and 2^30·2^-2 (high multiply ⌊(acc + 1) / 2⌋, then the rounding shift).
  // Bias [1, -1]. SAME pads one position after.
  // Pixel 0: ch0 1·2 + 2·(-2) + 1 = -1 -> 0 -> 0; ch1 -1·2 + 3·(-2) - 1 = -9 -> -4 -> -1.
  // Pixel 1: ch0 -2 + 8 + 1 = 7 -> 4 -> 2; ch1 2 + 12 - 1 = 13 -> 7 -> 1.75 -> 2.
  // Pixel 2 (tap 1 in the padding): ch0 4 + 1 = 5 -> 3 -> 1.5 -> 2 (two roundings; one would give 1);
  // ch1 -4 - 1 = -5 -> -2 -> -0.5 -> -1 (half away from zero).
  const g = new QuantGraph();
  const input = g.input([1, 1, 3, 1], q(0.5, 1));
  const filter = g.int8([1, 1, 2, 2], [1, -1, 2, 3], { scale: [0.5, 0.25], zeroPoint: [0, 0], axis: 3 });
  const bias = g.int32([2], [1, -1]);
  const out = g.tensor([1, 1, 3, 2], q(1));
  g.op({
    type: 'DEPTHWISE_CONV_2D',
    inputs: [input, filter, bias],
    outputs: [out],
    options: depthwiseOptions({ padding: 'SAME', depthMultiplier: 2 }),
  });
  const interpreter = new Interpreter(g.output(out).build());
  assert.deepEqual(interpreter.kernelImplementations(), ['webassembly']);
  interpreter.inputData(0).set([3, -1, 5]);
  interpreter.invoke();
  assert.deepEqual(Array.from(interpreter.outputData(0)), [0, -1, 2, 2, 2, -1]);
});

test('DEPTHWISE_CONV_2D equals the TypeScript kernel over odd sizes, multipliers, padding, stride, dilation and batch', () => {
  const random = new Random(31);
  const activations: FusedActivation[] = ['NONE', 'RELU', 'RELU6'];
  let index = 0;
  for (const channels of [1, 3, 5, 17]) {
    for (const multiplier of [1, 2, 8]) {
      for (const [height, width, kernelH, kernelW] of [
        [1, 1, 1, 1],
        [1, 5, 1, 3],
        [4, 3, 3, 2],
        [6, 7, 2, 3],
      ]) {
        const padding: Padding = index % 3 === 0 ? 'VALID' : 'SAME';
        const stride = 1 + (index % 2);
        const dilation = 1 + (Math.floor(index / 4) % 2);
        const c: DepthwiseCase = {
          height,
          width,
          channels,
          multiplier,
          kernelH,
          kernelW,
          options: {
            padding,
            strideH: stride,
            strideW: stride,
            dilationH: dilation,
            dilationW: dilation,
            fusedActivation: activations[index % 3],
          },
          perChannel: index % 4 !== 1,
        };
        index++;
        const graph = depthwiseGraph(c, random);
        if (graph === undefined) continue;
        const batch = 1 + 2 * (index % 2);
        const x = int8Values(random, batch * height * width * channels);
        assertTwins(graph, { inputs: [x], options: { batch } }, ['DEPTHWISE_CONV_2D'], JSON.stringify(c));
      }
    }
  }
});
