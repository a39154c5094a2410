import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../src/util/random.js';

test('the same seed gives the same stream, another seed another stream', () => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const seqA = Array.from({ length: 8 }, () => a.nextUint32());
  assert.deepEqual(
    seqA,
    Array.from({ length: 8 }, () => b.nextUint32()),
  );
  assert.notDeepEqual(
    seqA,
    Array.from({ length: 8 }, () => c.nextUint32()),
  );
});

test('uniform and normal draws have the right moments', () => {
  const random = new Random(7);
  const n = 200_000;
  let sumU = 0;
  let sumN = 0;
  let sumN2 = 0;
  for (let i = 0; i < n; i++) {
    const u = random.next();
    assert.ok(u >= 0 && u < 1);
    sumU += u;
    const z = random.normal();
    sumN += z;
    sumN2 += z * z;
  }
  assert.ok(Math.abs(sumU / n - 0.5) < 0.005);
  assert.ok(Math.abs(sumN / n) < 0.01);
  assert.ok(Math.abs(sumN2 / n - 1) < 0.01);
});

test('shuffle is a permutation and int stays in range', () => {
  const random = new Random(1);
  const items = Int32Array.from({ length: 100 }, (_, i) => i);
  random.shuffle(items);
  assert.deepEqual(
    [...items].sort((x, y) => x - y),
    [...Array(100).keys()],
  );
  for (let i = 0; i < 1000; i++) {
    const k = random.int(3);
    assert.ok(k >= 0 && k < 3 && Number.isInteger(k));
  }
});
