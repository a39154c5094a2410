import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WindowSet } from '../../src/data/types.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { unfuseTanh } from '../../src/graph/rewrite/unfuse-tanh.js';
import { Sequential } from '../../src/nn/sequential.js';
import { qatRanges } from '../../src/quant/qat/graph-ranges.js';
import { applyFakeQuantization } from '../../src/quant/qat/plan.js';
import { instantiate } from '../../src/train/model-file.js';
import { Random } from '../../src/util/random.js';
import { untrainedModel } from '../graph/model-fixtures.js';

function assertClose(actual: ArrayLike<number>, expected: number[], tolerance = 1e-6): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((value, i) =>
    assert.ok(Math.abs(actual[i] - value) <= tolerance, `[${i}]: ${actual[i]} vs ${value}`),
  );
}

/**
 * TFLite's asymmetric int8 rule for a range of exactly these values, written out: the range
 * widened to 0, 255 steps, x' = s·(q - zp); `inside` is where x lies between the grid's ends
 * (the zero point's rounding can leave an extreme value just outside).
 */
function textbookFakeQuant(values: number[]): { values: number[]; inside: boolean[] } {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const scale = Math.fround((max - min) / 255);
  const zeroPoint = Math.round(-128 - min / scale);
  return {
    values: values.map((v) => {
      const q = Math.max(-128, Math.min(127, Math.sign(v) * Math.round(Math.abs(v) / scale) + zeroPoint));
      return scale * (q - zeroPoint);
    }),
    inside: values.map((v) => v >= (-128 - zeroPoint) * scale && v <= (127 - zeroPoint) * scale),
  };
}

test('a fake-quantized Dense runs forward and backward at int8-grid weights and inputs, then trains its float weights', () => {
  const network = new Sequential([{ type: 'dense', name: 'd', units: 2 }]).build([3], 0);
  const float = Float32Array.from([0.5, 0.02, -1.27, 0.004, 0.2, -0.012]);
  network.setWeights({ 'd/kernel': float, 'd/bias': new Float32Array(2) });
  const tracked = applyFakeQuantization(network, true);
  assert.deepEqual(
    tracked.map((range) => range.tensor),
    ['input', 'd/output'],
  );
  // Input range [-1.28, 1.27]: step 0.01, zero point 0, so these inputs are on the grid already.
  const x = Float32Array.from([-1.28, 0.5, 1.27, 0.3, -0.02, 0.11]);
  const kernel = network.params()[0];
  // Column 0 (max 1.27) has step 0.01; column 1 (max 0.02) step 0.02/127: 0.004 -> 25, -0.012 -> -76 steps.
  const step = 0.02 / 127;
  const grid = [0.5, 0.02, -1.27, 25 * step, 0.2, -76 * step];
  const z = [0, 1].flatMap((b) =>
    [0, 1].map((u) => [0, 1, 2].reduce((sum, k) => sum + x[b * 3 + k] * grid[k * 2 + u], 0)),
  );
  const output = network.forward(x, 2, { training: true });
  const expected = textbookFakeQuant(z);
  assertClose(kernel.value, grid);
  assertClose(output, expected.values, 1e-5);

  kernel.grad.fill(0);
  const gradInput = network.backward(Float32Array.from([1, 1, 1, 1]), 2);
  // Gradients pass where a value stayed between its grid's ends (output z, then input x).
  const passed = expected.inside.map((inside) => (inside ? 1 : 0));
  const inputPassed = textbookFakeQuant([...x]).inside.map((inside) => (inside ? 1 : 0));
  assertClose(
    kernel.grad,
    [0, 1, 2].flatMap((k) => [0, 1].map((u) => x[k] * passed[u] + x[3 + k] * passed[2 + u])),
    1e-5,
  );
  assertClose(
    gradInput,
    [0, 1].flatMap((b) =>
      [0, 1, 2].map(
        (k) => inputPassed[3 * b + k] * (grid[2 * k] * passed[2 * b] + grid[2 * k + 1] * passed[2 * b + 1]),
      ),
    ),
    1e-6,
  );
  assertClose(kernel.value, [...float]);

  // 5 lies far above the input's moving range (max ≈ 0.99·1.27 + 0.01·5): it saturates and passes no gradient.
  network.forward(Float32Array.from([5, 0, 0, 0, 0, 0]), 2, { training: true });
  const clipped = network.backward(Float32Array.from([1, 1, 1, 1]), 2);
  assert.equal(clipped[0], 0);
  assert.notEqual(clipped[1], 0);

  // Inference forwards hand the float weights straight back.
  network.forward(x, 2);
  assertClose(kernel.value, [...float]);
});

test('tracked ranges replace calibrated ones by tensor name; tensors QAT cannot see are calibrated on training windows', () => {
  const { model } = untrainedModel(
    [
      { type: 'flatten' },
      { type: 'dense', name: 'h', units: 2, activation: 'tanh' },
      { type: 'dense', name: 'out', units: 2, activation: 'softmax' },
    ],
    1,
    3,
    'multiclass',
    ['a', 'b'],
  );
  const random = new Random(3);
  const count = 20;
  const train: WindowSet = {
    x: Float32Array.from({ length: count * 3 }, () => random.normal(0, 1)),
    count,
    steps: 1,
    channels: 3,
    channelNames: ['a', 'b', 'c'],
    y: new Int32Array(count),
    classes: ['a', 'b'],
    meta: {},
  };
  const network = instantiate(model);
  const tracked = applyFakeQuantization(network, true);
  network.forward(train.x, count, { training: true, logits: true });
  network.backward(new Float32Array(count * 2), count);
  const byName = new Map(tracked.map((range) => [range.tensor, range.moving.range]));
  assert.deepEqual([...byName.keys()], ['input', 'h/output/pre_tanh', 'out/linear']);

  const graph = lowerModel(model);
  const ranges = qatRanges(graph, tracked, train, 0);
  const indexOf = (name: string) => unfuseTanh(graph).tensors.findIndex((tensor) => tensor.name === name);
  assert.deepEqual(ranges.get(indexOf('input')), { min: Math.min(...train.x), max: Math.max(...train.x) });
  assert.deepEqual(ranges.get(indexOf('out/linear')), byName.get('out/linear'));
  // h's pre-tanh values were never a layer output in training (h is not last): min/max over the windows.
  const kernel = model.weights['h/kernel'];
  const bias = model.weights['h/bias'];
  const preTanh = Array.from({ length: count * 2 }, (_, i) => {
    const [w, u] = [Math.floor(i / 2), i % 2];
    return bias[u] + [0, 1, 2].reduce((sum, k) => sum + train.x[w * 3 + k] * kernel[k * 2 + u], 0);
  });
  const calibrated = ranges.get(indexOf('h/output/pre_tanh'))!;
  assert.ok(Math.abs(calibrated.min - Math.min(...preTanh)) < 1e-5);
  assert.ok(Math.abs(calibrated.max - Math.max(...preTanh)) < 1e-5);
});
