import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import type { WindowSet } from '../../src/data/types.js';
import { classCounts, concat, subset } from '../../src/data/window-set.js';

/** 4 samples of 2 steps x 2 channels; sample i holds values 10*i + 0..3. */
function fixture(): WindowSet {
  return {
    x: Float32Array.from({ length: 16 }, (_, k) => 10 * Math.floor(k / 4) + (k % 4)),
    count: 4,
    steps: 2,
    channels: 2,
    channelNames: ['ax', 'ay'],
    y: Int32Array.from([0, 1, 1, 0]),
    classes: ['idle', 'walk', 'run'],
    recording: Int32Array.from([0, 0, 1, 1]),
    recordings: ['r1', 'r2'],
    meta: { segment: ['1', '2', '3', '4'] },
  };
}

test('subset copies the chosen samples in the given order, repeats allowed', () => {
  const data = fixture();
  const part = subset(data, Int32Array.from([2, 0, 2]));
  assert.equal(part.count, 3);
  assert.deepEqual([...part.x], [20, 21, 22, 23, 0, 1, 2, 3, 20, 21, 22, 23]);
  assert.deepEqual([...part.y], [1, 0, 1]);
  assert.deepEqual([...(part.recording ?? [])], [1, 0, 1]);
  assert.deepEqual(part.recordings, ['r1', 'r2']);
  assert.deepEqual(part.meta, { segment: ['3', '1', '3'] });
  assert.deepEqual(part.classes, ['idle', 'walk', 'run']);
  assert.equal(part.steps, 2);
  assert.equal(part.channels, 2);

  part.x[0] = -1;
  part.y[0] = 2;
  part.meta.segment[0] = 'changed';
  assert.equal(data.x[8], 20, 'the subset owns its samples');
  assert.equal(data.y[2], 1);
  assert.equal(data.meta.segment[2], '3');
});

test('subset rejects an index outside the set', () => {
  assert.throws(
    () => subset(fixture(), [0, 4]),
    (error: unknown) =>
      error instanceof EdgeforgeError && /index 4 is outside the 4 samples/.test(error.message),
  );
});

test('classCounts counts every class, including empty ones', () => {
  assert.deepEqual(classCounts(fixture()), [2, 2, 0]);
});

test('concat appends samples, merges recordings by name and fills missing meta', () => {
  const a = subset(fixture(), [0, 1]);
  const b: WindowSet = {
    ...subset(fixture(), [3]),
    recording: Int32Array.from([1]),
    recordings: ['r3', 'r1'],
    meta: { session: ['s9'] },
  };
  const joined = concat(a, b);
  assert.equal(joined.count, 3);
  assert.deepEqual([...joined.x], [0, 1, 2, 3, 10, 11, 12, 13, 30, 31, 32, 33]);
  assert.deepEqual([...joined.y], [0, 1, 0]);
  // b's recording 1 is 'r1', already id 0 in a; 'r3' is new but unused, still appended.
  assert.deepEqual(joined.recordings, ['r1', 'r2', 'r3']);
  assert.deepEqual([...(joined.recording ?? [])], [0, 0, 0]);
  assert.deepEqual(joined.meta, { segment: ['1', '2', ''], session: ['', '', 's9'] });
});

test('concat refuses sets with other classes or shapes', () => {
  const a = fixture();
  const b = { ...fixture(), classes: ['idle', 'walk', 'jump'] };
  assert.throws(
    () => concat(a, b),
    (error: unknown) =>
      error instanceof EdgeforgeError && /classes \[idle, walk, run\] vs/.test(error.message),
  );
  const c = { ...fixture(), steps: 4, channels: 1 };
  assert.throws(() => concat(a, c), /shape \[2, 2\] vs \[4, 1\]/);
});
