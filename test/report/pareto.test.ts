import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paretoFront } from '../../src/report/pareto.js';

test('the front keeps the points nothing beats on both size and accuracy', () => {
  // By hand: b is smaller and as accurate as c (c dominated); d is bigger and worse than a.
  const points = [
    { x: 1, y: 70 }, // a: smallest
    { x: 2, y: 80 }, // b
    { x: 3, y: 80 }, // c: dominated by b
    { x: 4, y: 60 }, // d: dominated by a
    { x: 5, y: 90 }, // e: most accurate
  ];
  assert.deepEqual(paretoFront(points), [true, true, false, false, true]);
});

test('identical points are all on the front; one point is its own front', () => {
  assert.deepEqual(
    paretoFront([
      { x: 2, y: 50 },
      { x: 2, y: 50 },
    ]),
    [true, true],
  );
  assert.deepEqual(paretoFront([{ x: 9, y: 1 }]), [true]);
  assert.deepEqual(paretoFront([]), []);
});
