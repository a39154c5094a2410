import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequential, FLOAT64, type LayerSpec } from '../../src/nn/index.js';

function run(
  spec: LayerSpec,
  inputShape: number[],
  input: number[],
  weights: Record<string, number[]> = {},
): number[] {
  const model = new Sequential([spec], FLOAT64).build(inputShape, 0);
  if (Object.keys(weights).length > 0) model.setWeights(weights);
  const batch = input.length / (inputShape[0] * inputShape[1]);
  const out = model.forward(Float64Array.from(input), batch);
  return [...out.subarray(0, batch * model.outputShape.reduce((a, b) => a * b, 1))];
}

const ramp = [1, 2, 3, 4, 5];

test("conv1d 'same' pads as Keras: L=5, k=4, stride 2 -> 3 outputs, pad_total 3, left 1", () => {
  const y = run({ type: 'conv1d', filters: 1, kernelSize: 4, strides: 2, padding: 'same' }, [5, 1], ramp, {
    'conv1d_1/kernel': [1, 10, 100, 1000],
    'conv1d_1/bias': [0],
  });
  // windows start at -1, 1, 3: [0,1,2,3]·w, [2,3,4,5]·w, [4,5,0,0]·w
  assert.deepEqual(y, [3210, 5432, 54]);
});

test("conv1d 'same' with stride 1, even kernel: the extra padding goes right", () => {
  // L=5, k=2: pad_total 1, left 0, right 1
  const y = run({ type: 'conv1d', filters: 1, kernelSize: 2, padding: 'same' }, [5, 1], ramp, {
    'conv1d_1/kernel': [1, 10],
    'conv1d_1/bias': [0.5],
  });
  assert.deepEqual(y, [21.5, 32.5, 43.5, 54.5, 5.5]);
});

test('conv1d dilation 3, valid: taps 3 steps apart', () => {
  const y = run({ type: 'conv1d', filters: 1, kernelSize: 2, dilationRate: 3 }, [6, 1], [1, 2, 3, 4, 5, 6], {
    'conv1d_1/kernel': [1, 10],
    'conv1d_1/bias': [0],
  });
  assert.deepEqual(y, [41, 52, 63]);
});

test('conv1d causal: left padding of (k-1)·d, output as long as the input', () => {
  const y = run({ type: 'conv1d', filters: 1, kernelSize: 2, padding: 'causal' }, [5, 1], ramp, {
    'conv1d_1/kernel': [1, 10],
    'conv1d_1/bias': [0],
  });
  assert.deepEqual(y, [10, 21, 32, 43, 54]);
});

test('conv1d with channels and filters follows the kernel layout [kernel, in, filters]', () => {
  // x: 3 steps, 2 channels; kernel 2 taps; filter f sums tap·channel weights
  const x = [1, 2, 3, 4, 5, 6];
  const kernel = [1, 2, 3, 4, 5, 6, 7, 8]; // [tap][channel][filter]
  const y = run({ type: 'conv1d', filters: 2, kernelSize: 2, activation: 'relu' }, [3, 2], x, {
    'conv1d_1/kernel': kernel,
    'conv1d_1/bias': [0, -100],
  });
  // out[o, f] = Σ_tap Σ_c x[o+tap, c]·k[tap, c, f]
  const direct = (o: number, f: number) =>
    [0, 1].reduce(
      (sum, tap) =>
        sum + [0, 1].reduce((s, c) => s + x[(o + tap) * 2 + c] * kernel[(tap * 2 + c) * 2 + f], 0),
      0,
    );
  assert.deepEqual(y, [
    direct(0, 0),
    Math.max(direct(0, 1) - 100, 0),
    direct(1, 0),
    Math.max(direct(1, 1) - 100, 0),
  ]);
  assert.deepEqual(y, [1 * 1 + 2 * 3 + 3 * 5 + 4 * 7, 0, 3 * 1 + 4 * 3 + 5 * 5 + 6 * 7, 0]);
});

test('depthwise conv1d keeps channels apart, outputs ordered channel-major then multiplier', () => {
  const x = [1, 10, 2, 20, 3, 30]; // 3 steps, 2 channels
  const y = run({ type: 'depthwise_conv1d', kernelSize: 2, depthMultiplier: 2 }, [3, 2], x, {
    'depthwise_conv1d_1/depthwise_kernel': [1, 2, 3, 4, 5, 6, 7, 8], // [tap][channel][m]
    'depthwise_conv1d_1/bias': [0, 0, 0, 0],
  });
  // o=0: ch0 m0: 1·1 + 2·5, ch0 m1: 1·2 + 2·6, ch1 m0: 10·3 + 20·7, ch1 m1: 10·4 + 20·8
  assert.deepEqual(y, [11, 14, 170, 200, 17, 22, 270, 320]);
});

const seven = [1, 5, 2, 7, 3, 4, 6];

test('max pooling, odd size 3, stride 2: valid and same', () => {
  assert.deepEqual(run({ type: 'max_pooling1d', poolSize: 3, strides: 2 }, [7, 1], seven), [5, 7, 6]);
  // same: 4 outputs, pad_total 2, left 1 -> windows [0,1], [1..3], [3..5], [5,6]
  assert.deepEqual(
    run({ type: 'max_pooling1d', poolSize: 3, strides: 2, padding: 'same' }, [7, 1], seven),
    [5, 7, 7, 6],
  );
});

test('average pooling same divides by the real positions only, as TensorFlow', () => {
  const y = run(
    { type: 'average_pooling1d', poolSize: 3, strides: 2, padding: 'same' },
    [7, 1],
    [1, 2, 3, 4, 5, 6, 7],
  );
  assert.deepEqual(y, [1.5, 3, 5, 6.5]);
  assert.deepEqual(run({ type: 'average_pooling1d' }, [7, 1], [1, 2, 3, 4, 5, 6, 7]), [1.5, 3.5, 5.5]);
});

test('global pooling reduces over steps per channel', () => {
  const x = [1, -1, 4, -4, 2, 0]; // 3 steps, 2 channels
  const mean = run({ type: 'global_average_pooling1d' }, [3, 2], x);
  [7 / 3, -5 / 3].forEach((expected, i) => assert.ok(Math.abs(mean[i] - expected) < 1e-15));
  assert.deepEqual(run({ type: 'global_max_pooling1d' }, [3, 2], x), [4, 0]);
});

test("a 'valid' window longer than the input is refused at build", () => {
  assert.throws(
    () => new Sequential([{ type: 'conv1d', filters: 1, kernelSize: 4, dilationRate: 2 }]).build([6, 1], 0),
    /does not fit in 6 steps/,
  );
});
