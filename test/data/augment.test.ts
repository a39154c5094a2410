import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { augment } from '../../src/data/augment.js';
import { applyScaler, fitScaler } from '../../src/data/scale.js';
import { splitData } from '../../src/data/split.js';
import type { WindowSet } from '../../src/data/types.js';
import { classCounts, subset } from '../../src/data/window-set.js';

/** Samples of `steps` x 1 channel; sample i holds i*100 + 1, i*100 + 2, ... and class y[i]. */
function ramps(y: number[], steps: number, classes = ['a', 'b']): WindowSet {
  return {
    x: Float32Array.from(
      { length: y.length * steps },
      (_, k) => Math.floor(k / steps) * 100 + (k % steps) + 1,
    ),
    count: y.length,
    steps,
    channels: 1,
    channelNames: ['v'],
    y: Int32Array.from(y),
    classes,
    recording: Int32Array.from(y, (_, i) => i % 2),
    recordings: ['r0', 'r1'],
    meta: { segment: y.map((_, i) => String(i)) },
  };
}

function sample(data: WindowSet, i: number): number[] {
  const size = data.steps * data.channels;
  return [...data.x.subarray(i * size, (i + 1) * size)];
}

test('copies without noise, scaling or shift are exact duplicates after the untouched originals', () => {
  const train = ramps([0, 1, 1], 4);
  const before = Float32Array.from(train.x);
  const { data, added, perClass } = augment(train, { seed: 1, noise: 0, copies: 2 });
  assert.equal(added, 6);
  assert.deepEqual(perClass, [2, 4]);
  assert.equal(data.count, 9);
  assert.deepEqual([...data.y], [0, 1, 1, 0, 1, 1, 0, 1, 1]);
  assert.deepEqual([...(data.recording ?? [])], [0, 1, 0, 0, 1, 0, 0, 1, 0]);
  assert.deepEqual(data.meta.segment, ['0', '1', '2', '0', '1', '2', '0', '1', '2']);
  for (let i = 0; i < 9; i++) assert.deepEqual(sample(data, i), sample(train, i % 3));
  assert.deepEqual(train.x, before, 'the input is not changed');
});

test('time shift moves the whole window by up to k steps, repeating the edge step', () => {
  // Sample [1, 2, 3, 4] shifted by -1, 0, +1 with the edge step repeated (written out by hand).
  const train = ramps([0], 4);
  const allowed = ['2,3,4,4', '1,2,3,4', '1,1,2,3'];
  const { data } = augment(train, { seed: 5, noise: 0, shift: 1, copies: 60 });
  const seen = new Set<string>();
  for (let i = 1; i < data.count; i++) {
    const values = sample(data, i).join(',');
    assert.ok(allowed.includes(values), `copy ${i} is ${values}`);
    seen.add(values);
  }
  assert.equal(seen.size, 3, 'all three shifts occur');
});

test('time shift moves every channel of a step together', () => {
  // 3 steps x 2 channels: steps (1, 10), (2, 20), (3, 30); shifts by 2 at most.
  const train: WindowSet = { ...ramps([0], 6), steps: 3, channels: 2, channelNames: ['a', 'b'] };
  train.x = Float32Array.from([1, 10, 2, 20, 3, 30]);
  const allowed = [
    '3,30,3,30,3,30', // -2
    '2,20,3,30,3,30', // -1
    '1,10,2,20,3,30', // 0
    '1,10,1,10,2,20', // +1
    '1,10,1,10,1,10', // +2
  ];
  const { data } = augment(train, { seed: 2, noise: 0, shift: 2, copies: 80 });
  const seen = new Set<string>();
  for (let i = 1; i < data.count; i++) seen.add(sample(data, i).join(','));
  assert.deepEqual([...seen].sort(), [...allowed].sort());
});

test('amplitude scaling multiplies a whole sample by one factor in [1 - a, 1 + a]', () => {
  const train = ramps([0, 1], 5);
  const { data } = augment(train, { seed: 3, noise: 0, scale: 0.2, copies: 50 });
  const factors: number[] = [];
  for (let i = 2; i < data.count; i++) {
    const original = sample(train, i % 2);
    const copy = sample(data, i);
    const factor = copy[0] / original[0];
    assert.ok(factor >= 0.8 - 1e-6 && factor <= 1.2 + 1e-6, `factor ${factor}`);
    copy.forEach((value, k) => assert.ok(Math.abs(value - original[k] * factor) <= 1e-4 * Math.abs(value)));
    factors.push(factor);
  }
  assert.ok(Math.min(...factors) < 0.85 && Math.max(...factors) > 1.15, 'factors spread over the range');
});

test('gaussian noise has mean 0 and the asked std (0.1 by default)', () => {
  const train = ramps(new Array<number>(40).fill(0), 50, ['a']);
  for (const [options, sigma] of [
    [{ seed: 4, copies: 5 }, 0.1],
    [{ seed: 4, copies: 5, noise: 0.5 }, 0.5],
  ] as const) {
    const { data } = augment(train, options);
    let sum = 0;
    let squares = 0;
    let n = 0;
    for (let i = train.count; i < data.count; i++) {
      const original = sample(train, i % train.count);
      sample(data, i).forEach((value, k) => {
        const residual = value - original[k];
        sum += residual;
        squares += residual * residual;
        n++;
      });
    }
    // 10000 draws: the mean's standard error is sigma/100, the std's about sigma/140.
    assert.ok(Math.abs(sum / n) < (4 * sigma) / 100, `mean ${sum / n}`);
    assert.ok(Math.abs(Math.sqrt(squares / n) - sigma) < (5 * sigma) / 140, `std ${Math.sqrt(squares / n)}`);
  }
});

test('balance oversamples smaller classes up to the largest, or a ratio of it', () => {
  const y = [...new Array<number>(10).fill(0), 1, 1, 1];
  const full = augment(ramps(y, 3), { seed: 1, noise: 0, balance: true });
  assert.equal(full.added, 7);
  assert.deepEqual(full.perClass, [0, 7]);
  assert.deepEqual(classCounts(full.data), [10, 10]);
  // The 7 copies of 3 originals use each original 2 or 3 times.
  const uses = [0, 0, 0];
  for (let i = 13; i < full.data.count; i++) uses[(full.data.x[i * 3] - 1) / 100 - 10]++;
  assert.deepEqual([...uses].sort(), [2, 2, 3]);

  // Ratio 0.5: ceil(0.5 * 10) = 5, so 2 more of class 1.
  const half = augment(ramps(y, 3), { seed: 1, noise: 0, balance: 0.5 });
  assert.deepEqual(half.perClass, [0, 2]);
  // With 1 copy first: 20 and 6, then class 1 tops up to 20: 3 + 14 added.
  const both = augment(ramps(y, 3), { seed: 1, copies: 1, balance: true });
  assert.deepEqual(both.perClass, [10, 17]);
  assert.equal(both.added, 27);
  assert.deepEqual(classCounts(both.data), [20, 20]);
});

test('the seed makes augmentation reproducible', () => {
  const train = ramps([0, 1, 0, 1], 8);
  const options = { seed: 9, noise: 0.1, scale: 0.1, shift: 2, copies: 2 };
  assert.deepEqual(augment(train, options), augment(train, options));
  assert.notDeepEqual(augment(train, { ...options, seed: 10 }).data.x, augment(train, options).data.x);
});

test('bad options name the field and the allowed values', () => {
  const train = ramps([0, 1], 4);
  const cases: [object, RegExp][] = [
    [
      { shift: 4 },
      /^field data\.augment\.shift: augmentation shift is 4\. Use a whole number of steps from 0 to 3\.$/,
    ],
    [{ scale: 1 }, /augmentation scale is 1/],
    [{ noise: -0.1 }, /augmentation noise is -0\.1/],
    [{ copies: 1.5 }, /augmentation copies is 1\.5/],
    [{ balance: 2 }, /augmentation balance is 2/],
  ];
  for (const [options, pattern] of cases) {
    assert.throws(
      () => augment(train, { seed: 1, ...options }),
      (error: unknown) => error instanceof EdgeforgeError && pattern.test(error.oneLine()),
    );
  }
});

test('split -> subset -> scale -> augment leaves validation and test untouched', () => {
  const y = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const data = { ...ramps(y, 6), recording: undefined, recordings: undefined };
  const original = Float32Array.from(data.x);
  const split = splitData(data, { train: 0.6, validation: 0.2, test: 0.2, seed: 7 });
  const scaler = fitScaler(data, split.train, 'standard', 'feature');
  const scaled = { ...data, x: applyScaler(scaler, data.x) };
  const train = subset(scaled, split.train);
  const validation = subset(scaled, split.validation);
  const test = subset(scaled, split.test);
  const snapshot = [Float32Array.from(validation.x), Float32Array.from(test.x), Float32Array.from(scaled.x)];

  const result = augment(train, { seed: 1, shift: 2, scale: 0.1, copies: 2, balance: true });

  assert.equal(validation.count, 12);
  assert.equal(test.count, 12);
  assert.deepEqual(validation.x, snapshot[0]);
  assert.deepEqual(test.x, snapshot[1]);
  assert.deepEqual(scaled.x, snapshot[2]);
  assert.deepEqual(data.x, original);
  // Train: 36 samples (24 of class 0, 12 of class 1), tripled by copies, then class 1 topped up to 72.
  assert.deepEqual(classCounts(train), [24, 12]);
  assert.deepEqual(classCounts(result.data), [72, 72]);
  assert.deepEqual(sample(result.data, 0), sample(train, 0), 'originals come first, unchanged');
});
