import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import {
  minMaxRange,
  mseRange,
  percentileRange,
  sortedCopy,
} from '../../src/quant/calibrate/range-methods.js';
import { activationParams } from '../../src/quant/ptq/choose-params.js';
import { Random } from '../../src/util/random.js';
import { q, QuantGraph } from './int8-graph.js';

/** A float graph: input [1, 4] -> RELU -> TANH. */
function reluTanhGraph() {
  const g = new QuantGraph();
  const input = g.tensor([1, 4], undefined, 'float32');
  const relu = g.tensor([1, 4], undefined, 'float32');
  const tanh = g.tensor([1, 4], undefined, 'float32');
  const graph = g
    .op({ type: 'RELU', inputs: [input], outputs: [relu], options: {} })
    .op({ type: 'TANH', inputs: [relu], outputs: [tanh], options: {} })
    .output(tanh)
    .build();
  return { graph: { ...graph, inputs: [input] }, input, relu, tanh };
}

test('min/max calibration records the input and every op output over all windows', () => {
  const { graph, input, relu, tanh } = reluTanhGraph();
  const samples = Float32Array.from([-3, 0.5, 1, 2, 0.25, -1, 4, 0]);
  const ranges = calibrate(graph, samples, 2, { method: 'minmax' });
  assert.deepEqual(ranges.get(input), { min: -3, max: 4 });
  assert.deepEqual(ranges.get(relu), { min: 0, max: 4 });
  const t = ranges.get(tanh)!;
  assert.ok(Math.abs(t.min) < 1e-7);
  assert.ok(Math.abs(t.max - Math.tanh(4)) < 1e-6, `tanh max ${t.max}`);
});

test('calibration rejects a wrong sample count, a bad percentile and an already quantized graph', () => {
  const { graph } = reluTanhGraph();
  assert.throws(
    () => calibrate(graph, new Float32Array(7), 2, { method: 'minmax' }),
    /expected 2 windows of 4/,
  );
  assert.throws(
    () => calibrate(graph, new Float32Array(8), 2, { method: 'percentile', percentile: 30 }),
    /percentile 30 is outside/,
  );
  const quantized = new QuantGraph();
  const x = quantized.input([1, 4], q(0.1));
  const y = quantized.tensor([1, 4], q(0.1));
  const int8Graph = quantized
    .op({ type: 'RELU', inputs: [x], outputs: [y], options: {} })
    .output(y)
    .build();
  assert.throws(
    () => calibrate(int8Graph, new Float32Array(4), 1, { method: 'minmax' }),
    (error: unknown) => error instanceof EdgeforgeError && /already quantized/.test(error.message),
  );
});

test('percentile calibration clips outliers: 99% of 0..999 plus one huge value keeps [5, 995]', () => {
  const values = Float32Array.from({ length: 1001 }, (_, i) => (i === 1000 ? 1e6 : i));
  const sorted = sortedCopy(values);
  assert.deepEqual(minMaxRange(sorted), { min: 0, max: 1e6 });
  // 1001 values, each tail 0.5%: index floor(0.005 * 1000) = 5 and ceil(0.995 * 1000) = 995.
  assert.deepEqual(percentileRange(sorted, 99), { min: 5, max: 995 });
});

/** Mean squared error of int8 round-tripping `values` with a range, computed here from the spec formulas. */
function roundTripMse(values: Float32Array, range: { min: number; max: number }): number {
  const min = Math.min(range.min, 0);
  const max = Math.max(range.max, 0);
  const scale = (max - min) / 255;
  const zeroPoint = Math.round(-128 - min / scale);
  let sum = 0;
  for (const v of values) {
    const quantized = Math.min(127, Math.max(-128, Math.round(v / scale) + zeroPoint));
    sum += (v - scale * (quantized - zeroPoint)) ** 2;
  }
  return sum / values.length;
}

test('MSE-optimal clipping beats min/max on a heavy-tailed distribution, and keeps min/max on a uniform one', () => {
  const random = new Random(3);
  const chiSquare3 = () => random.normal(0, 1) ** 2 + random.normal(0, 1) ** 2 + random.normal(0, 1) ** 2;
  // Student's t with 3 degrees of freedom: a few values far out in both tails.
  const heavy = Float32Array.from({ length: 20000 }, () => random.normal(0, 1) / Math.sqrt(chiSquare3() / 3));
  const sorted = sortedCopy(heavy);
  const full = minMaxRange(sorted);
  const clipped = mseRange(sorted);
  assert.ok(clipped.max < full.max && clipped.min > full.min, 'MSE clips the tails');
  const ratio = roundTripMse(heavy, clipped) / roundTripMse(heavy, full);
  // Measured 0.946: 8 bits leave little to gain, but the clip must gain something.
  assert.ok(ratio < 0.98, `MSE range error is ${ratio} of min/max's`);

  const uniform = Float32Array.from({ length: 5000 }, () => random.uniform(-1, 1));
  const uniformSorted = sortedCopy(uniform);
  const uniformClip = mseRange(uniformSorted);
  const uniformFull = minMaxRange(uniformSorted);
  assert.ok(uniformClip.max >= 0.97 * uniformFull.max, `uniform clip ${uniformClip.max}`);
});

test('int8 activation parameters follow TFLite: 0 inside the range, scale (max - min) / 255', () => {
  assert.deepEqual(activationParams({ min: -1, max: 3 }), { scale: Math.fround(4 / 255), zeroPoint: -64 });
  assert.deepEqual(activationParams({ min: 0.5, max: 2 }), { scale: Math.fround(2 / 255), zeroPoint: -128 });
  assert.deepEqual(activationParams({ min: -2, max: -1 }), { scale: Math.fround(2 / 255), zeroPoint: 127 });
  assert.deepEqual(activationParams({ min: 0, max: 0 }), { scale: 1, zeroPoint: -128 });
});
