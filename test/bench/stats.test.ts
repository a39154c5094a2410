import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyStats } from '../../src/bench/stats.js';

test('mean and nearest-rank percentiles of 1..100 ms, in any order', () => {
  const samples = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);
  assert.deepEqual(latencyStats(samples), { runs: 100, mean: 50.5, p50: 50, p95: 95, p99: 99 });
});

test('200 runs: p99 is the 198th smallest, p95 the 190th', () => {
  const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
  const stats = latencyStats(samples);
  assert.equal(stats.p50, 100);
  assert.equal(stats.p95, 190);
  assert.equal(stats.p99, 198);
  assert.equal(stats.mean, 100.5);
});

test('one run is its own percentile; no runs is an error', () => {
  assert.deepEqual(latencyStats([2.5]), { runs: 1, mean: 2.5, p50: 2.5, p95: 2.5, p99: 2.5 });
  assert.throws(() => latencyStats([]), RangeError);
});
