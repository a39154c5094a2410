/**
 * int8 FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D against values computed by hand with
 * TFLite's reference arithmetic: the int32 accumulator, then the high multiply by 2^30 (= ·1/2,
 * nearest with ties up) and the rounding right shift (ties away from zero), then the zero point.
 * Scales are powers of two so every multiplier is 2^30 with a shift.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FusedActivation, Quantization } from '../../src/graph/types.js';
import { q, QuantGraph, runOne } from './int8-graph.js';
import { depthwiseOptions } from '../runtime/conv-fixtures.js';
import {
  PER_CHANNEL_CONV_EXPECTED,
  PER_CHANNEL_CONV_INPUT,
  perChannelConvGraph,
} from './conv-int8-fixture.js';

function fullyConnected(filterQuant: Quantization, activation: FusedActivation, x: number[]): number[] {
  const g = new QuantGraph();
  // x scale 0.5 zero point -1; output scale 1 zero point 3.
  // Rows of 3 values (keepNumDims: one output row per input row).
  const input = g.input([1, x.length / 3, 3], q(0.5, -1));
  const weights = g.int8([2, 3], [1, 2, 3, -4, 0, 5], filterQuant);
  const bias = g.int32([2], [8, -3]);
  const out = g.tensor([1, x.length / 3, 2], q(1, 3));
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [input, weights, bias],
    outputs: [out],
    options: { fusedActivation: activation, keepNumDims: true },
  });
  return runOne(g.output(out).build(), [x]);
}

test('FULLY_CONNECTED, per-tensor weights: accumulate, rescale, zero point, RELU clamp', () => {
  // x = [1, 3, -5] - (-1) = [2, 4, -4]; weights scale 0.25: multiplier 0.5·0.25/1 = 0.125 = 2^30·2^-3.
  // unit 0: 1·2 + 2·4 + 3·(-4) + 8 = 6 -> 6/2 = 3 -> 3/4 = 0.75 -> 1 -> + 3 = 4
  // unit 1: -4·2 + 0 + 5·(-4) - 3 = -31 -> -15.5 -> -15 (tie up) -> -3.75 -> -4 -> + 3 = -1
  // second row x = [-1, -1, 0] - (-1) = [0, 0, 1]: unit 0: 3 + 8 = 11 -> 5.5 -> 6 -> 1.5 -> 2 -> 5;
  // unit 1: 5 - 3 = 2 -> 1 -> 0.25 -> 0 -> 3.
  assert.deepEqual(fullyConnected(q(0.25), 'NONE', [1, 3, -5, -1, -1, 0]), [4, -1, 5, 3]);
  // RELU clamps below the output zero point 3.
  assert.deepEqual(fullyConnected(q(0.25), 'RELU', [1, 3, -5, -1, -1, 0]), [4, 3, 5, 3]);
});

test('FULLY_CONNECTED, per-channel weights: one multiplier per output unit', () => {
  // Scales [0.25, 0.5]: unit 0 as above (4); unit 1 multiplier 0.25 = 2^30·2^-2:
  // -31 -> -15 -> -15/2 = -7.5 -> -8 (ties away) -> + 3 = -5.
  const perChannel: Quantization = { scale: [0.25, 0.5], zeroPoint: [0, 0], axis: 0 };
  assert.deepEqual(fullyConnected(perChannel, 'NONE', [1, 3, -5]), [4, -5]);
});

test('FULLY_CONNECTED rounds twice, as TFLite does by default', () => {
  // Multiplier 0.25 (x scale 0.5 · weight 0.5 / output 1); acc = 5 -> 2.5 -> 3 -> 1.5 -> 2
  // where one rounding of 1.25 would give 1.
  const g = new QuantGraph();
  const input = g.input([1, 1], q(0.5));
  const weights = g.int8([1, 1], [5], q(0.5));
  const out = g.tensor([1, 1], q(1));
  g.op({
    type: 'FULLY_CONNECTED',
    inputs: [input, weights, -1],
    outputs: [out],
    options: { fusedActivation: 'NONE', keepNumDims: false },
  });
  assert.deepEqual(runOne(g.output(out).build(), [[1]]), [2]);
});

test('CONV_2D per channel, VALID and SAME (padding adds nothing, not the zero point)', () => {
  for (const padding of ['VALID', 'SAME'] as const) {
    assert.deepEqual(
      runOne(perChannelConvGraph(padding), [PER_CHANNEL_CONV_INPUT]),
      PER_CHANNEL_CONV_EXPECTED[padding],
    );
  }
});

test('DEPTHWISE_CONV_2D with depth multiplier 2 and per-channel multipliers above and below 1', () => {
  const g = new QuantGraph();
  // x scale 0.5; filter scales [1, 0.5, 0.25, 0.125]; output scale 0.25: multipliers 2, 1, 0.5, 0.25.
  const input = g.input([1, 1, 2, 2], q(0.5));
  const filter = g.int8([1, 1, 1, 4], [1, -2, 3, 4], {
    scale: [1, 0.5, 0.25, 0.125],
    zeroPoint: [0, 0, 0, 0],
    axis: 3,
  });
  const out = g.tensor([1, 1, 2, 4], q(0.25));
  g.op({
    type: 'DEPTHWISE_CONV_2D',
    inputs: [input, filter, -1],
    outputs: [out],
    options: depthwiseOptions({ depthMultiplier: 2 }),
  });
  // Output channel c·2 + m reads input channel c. Pixel [3, -5]:
  //   oc0 1·3 = 3, ·2 (left shift 2 then ·1/2) = 6;  oc1 -2·3 = -6, ·1 = -6;
  //   oc2 3·(-5) = -15, ·1/2 = -7.5 -> -7 (ties up);  oc3 4·(-5) = -20 -> -10 -> -5
  // Pixel [7, 2]: oc0 14; oc1 -14; oc2 6 -> 3; oc3 8 -> 4 -> 2
  assert.deepEqual(runOne(g.output(out).build(), [[3, -5, 7, 2]]), [6, -6, -7, -5, 14, -14, 3, 2]);
});
