import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SlidingWindow } from '../../src/predict/sliding-window.js';

/** Pushes readings [i, 100 + i] for i = 0..count-1; returns each completed window's contents and tags. */
function cut(
  length: number,
  stride: number,
  count: number,
): { at: number; values: number[]; tags: number[] }[] {
  const window = new SlidingWindow<number>(length, 2, stride);
  const windows: { at: number; values: number[]; tags: number[] }[] = [];
  const out = new Float32Array(length * 2);
  for (let i = 0; i < count; i++) {
    if (!window.push([i, 100 + i], i)) continue;
    window.copyTo(out);
    windows.push({ at: i, values: Array.from(out), tags: Array.from({ length }, (_, p) => window.tag(p)) });
  }
  return windows;
}

test('the first window completes with the length-th reading, then one every stride readings, oldest first', () => {
  const windows = cut(4, 2, 9);
  assert.deepEqual(
    windows.map((w) => w.at),
    [3, 5, 7],
  );
  // Window starting at reading 2 (the ring has wrapped): readings 2, 3, 4, 5 in order.
  assert.deepEqual(windows[1].values, [2, 102, 3, 103, 4, 104, 5, 105]);
  assert.deepEqual(windows[2].tags, [4, 5, 6, 7]);
});

test('stride 1 predicts on every reading after the first full window', () => {
  const windows = cut(3, 1, 6);
  assert.deepEqual(
    windows.map((w) => w.tags),
    [
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ],
  );
});

test('a stride above the length skips readings, as the data stage cuts windows at 0, stride, 2 stride', () => {
  const windows = cut(3, 5, 14);
  assert.deepEqual(
    windows.map((w) => w.tags),
    [
      [0, 1, 2],
      [5, 6, 7],
      [10, 11, 12],
    ],
  );
  assert.deepEqual(windows[2].values, [10, 110, 11, 111, 12, 112]);
});

test('copyTo writes at an offset and leaves the rest of the buffer alone', () => {
  const window = new SlidingWindow<string>(2, 1, 1);
  window.push([7], 'a');
  assert.equal(window.push([8], 'b'), true);
  const out = new Float32Array([-1, -1, -1, -1]);
  window.copyTo(out, 1);
  assert.deepEqual(Array.from(out), [-1, 7, 8, -1]);
});
