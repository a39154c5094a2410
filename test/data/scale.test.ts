import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { applyScaler, fitScaler, inverseScaler } from '../../src/data/scale.js';
import type { FittedScaler, ScaleMethod, ScalePer, WindowSet } from '../../src/data/types.js';

/**
 * 6 samples of 2 steps x 2 channels, written [[t0c0, t0c1], [t1c0, t1c1]]. Samples 1 and 4
 * are the validation/test samples, with far-off values that would move any statistic.
 */
const SAMPLES = [
  [
    [1, 10],
    [2, 20],
  ],
  [
    [100, -50],
    [7, 7],
  ],
  [
    [3, 10],
    [6, 40],
  ],
  [
    [4, 10],
    [-1, 25],
  ],
  [
    [-30, 0],
    [9, 9],
  ],
  [
    [8, 10],
    [0.5, 35],
  ],
];
const TRAIN = Int32Array.from([0, 2, 3, 5]);

function windowSet(samples: number[][][]): WindowSet {
  return {
    x: Float32Array.from(samples.flat(2)),
    count: samples.length,
    steps: 2,
    channels: 2,
    channelNames: ['ax', 'ay'],
    y: new Int32Array(samples.length),
    classes: ['a'],
    meta: {},
  };
}

/**
 * Expected statistics, computed with python3's statistics module on the train samples:
 * per feature the columns are t0c0 [1,3,4,8], t0c1 [10,10,10,10], t1c0 [2,6,-1,0.5],
 * t1c1 [20,40,25,35]; per channel c0 [1,2,3,6,4,-1,8,0.5], c1 [10,20,10,40,10,25,10,35].
 * standard: fmean and pstdev (population std); the constant column gets scale 1.
 * minmax: min and max - min (zero range -> 1).
 * robust: quantiles(n=4, method='inclusive') equals numpy's linear percentile; center the
 * median, scale q75 - q25, e.g. [1,3,4,8]: q25 = 1 + 0.75*2 = 2.5, q75 = 4 + 0.25*4 = 5.
 * sample1 is (x - center) / scale for test sample 1 [100, -50, 7, 7] with those statistics.
 */
const EXPECTED: Record<
  ScalePer,
  Record<Exclude<ScaleMethod, 'none'>, { center: number[]; scale: number[]; sample1: number[] }>
> = {
  feature: {
    standard: {
      center: [4, 10, 1.875, 30],
      scale: [2.5495097567963922, 1, 2.6070817018267762, 7.905694150420948],
      sample1: [37.65429794653134, -60, 1.965799536090075, -2.909295447354909],
    },
    minmax: {
      center: [1, 10, -1, 20],
      scale: [7, 1, 7, 20],
      sample1: [14.142857142857142, -60, 1.1428571428571428, -0.65],
    },
    robust: { center: [3.5, 10, 1.25, 30], scale: [2.5, 1, 2.875, 12.5], sample1: [38.6, -60, 2, -1.84] },
  },
  channel: {
    standard: {
      center: [2.9375, 20],
      scale: [2.788788939665388, 11.4564392373896],
      sample1: [34.80453419025895, -6.110100926607787, 1.456725513436466, -1.1347330292271605],
    },
    minmax: { center: [-1, 10], scale: [9, 30], sample1: [11.222222222222221, -2, 0.8888888888888888, -0.1] },
    robust: {
      center: [2.5, 15],
      scale: [3.625, 17.5],
      sample1: [26.896551724137932, -3.7142857142857144, 1.2413793103448276, -0.45714285714285713],
    },
  },
};

function assertClose(actual: ArrayLike<number>, expected: number[], tolerance: number, label: string): void {
  assert.equal(actual.length, expected.length, label);
  for (let i = 0; i < expected.length; i++) {
    const bound = tolerance * Math.max(1, Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= bound, `${label}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

for (const per of ['feature', 'channel'] as const) {
  for (const method of ['standard', 'minmax', 'robust'] as const) {
    test(`${method} per ${per} matches scikit-learn's statistics on the train split`, () => {
      const data = windowSet(SAMPLES);
      const scaler = fitScaler(data, TRAIN, method, per);
      const expected = EXPECTED[per][method];
      assert.equal(scaler.method, method);
      assert.equal(scaler.per, per);
      assert.equal(scaler.steps, 2);
      assert.equal(scaler.channels, 2);
      assertClose(scaler.center, expected.center, 1e-12, 'center');
      assertClose(scaler.scale, expected.scale, 1e-12, 'scale');

      const scaled = applyScaler(scaler, data.x);
      assert.notEqual(scaled, data.x, 'applyScaler returns a new array');
      assert.deepEqual([...data.x.subarray(4, 8)], [100, -50, 7, 7], 'the input is unchanged');
      // Float32 output: relative tolerance of float32 rounding.
      assertClose(scaled.subarray(4, 8), expected.sample1, 1e-6, 'sample 1');
    });
  }
}

test('the fit ignores validation and test samples (no leakage)', () => {
  const changed = SAMPLES.map((sample, i) =>
    i === 1 || i === 4
      ? [
          [1e6, -1e6],
          [42, -42],
        ]
      : sample,
  );
  for (const per of ['feature', 'channel'] as const) {
    for (const method of ['standard', 'minmax', 'robust', 'none'] as const) {
      const before = fitScaler(windowSet(SAMPLES), TRAIN, method, per);
      const after = fitScaler(windowSet(changed), TRAIN, method, per);
      assert.deepEqual(after, before, `${method} per ${per}`);
    }
  }
  // Fitting on every sample instead does move the statistics, so the check above has teeth.
  const all = fitScaler(windowSet(SAMPLES), undefined, 'standard', 'feature');
  assert.notDeepEqual(all.center, EXPECTED.feature.standard.center);
});

test("'none' is the identity and inverse undoes every method", () => {
  const data = windowSet(SAMPLES);
  const none = fitScaler(data, TRAIN, 'none', 'channel');
  assert.deepEqual(none.center, [0, 0]);
  assert.deepEqual(none.scale, [1, 1]);
  assert.deepEqual([...applyScaler(none, data.x)], [...data.x]);
  for (const method of ['standard', 'minmax', 'robust'] as const) {
    const scaler = fitScaler(data, TRAIN, method, 'feature');
    assertClose(inverseScaler(scaler, applyScaler(scaler, data.x)), [...data.x], 1e-6, method);
  }
});

test('the fitted scaler survives a JSON round trip and still works', () => {
  const data = windowSet(SAMPLES);
  const scaler = fitScaler(data, TRAIN, 'robust', 'feature');
  const loaded = JSON.parse(JSON.stringify(scaler)) as FittedScaler;
  assert.deepEqual(loaded, scaler);
  assert.deepEqual([...applyScaler(loaded, data.x)], [...applyScaler(scaler, data.x)]);
});

test('bad input gives an EdgeforgeError that says what to do', () => {
  const data = windowSet(SAMPLES);
  const scaler = fitScaler(data, TRAIN, 'standard', 'channel');
  assert.throws(
    () => applyScaler(scaler, new Float32Array(6)),
    (error: unknown) => error instanceof EdgeforgeError && /cannot scale 6 values/.test(error.message),
  );
  assert.throws(
    () => fitScaler(data, new Int32Array(0), 'standard', 'channel'),
    /training split has no samples/,
  );
  const broken = windowSet(SAMPLES);
  broken.x[3] = Number.NaN;
  assert.throws(
    () => fitScaler(broken, TRAIN, 'standard', 'feature'),
    (error: unknown) => error instanceof EdgeforgeError && error.place === "sample 0, step 1, channel 'ay'",
  );
});

test('fit and apply on 6000 windows x 64 steps take a few milliseconds', () => {
  const count = 6000;
  const data: WindowSet = {
    ...windowSet([]),
    x: Float32Array.from({ length: count * 64 }, (_, k) => Math.sin(k * 0.37) * 3 + (k % 7)),
    count,
    steps: 64,
    channels: 1,
    channelNames: ['v'],
    y: new Int32Array(count),
  };
  const train = Int32Array.from({ length: 4200 }, (_, i) => i);
  const started = performance.now();
  const scaler = fitScaler(data, train, 'standard', 'feature');
  applyScaler(scaler, data.x);
  const elapsed = performance.now() - started;
  // Generous bound for a shared machine; typical runs are far below it.
  assert.ok(elapsed < 250, `took ${elapsed.toFixed(1)} ms`);
});
