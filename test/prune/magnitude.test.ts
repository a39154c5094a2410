import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enforceSparsity, masked, targetCount } from '../../src/prune/magnitude.js';
import { polynomialSparsity } from '../../src/prune/sparsity-schedule.js';
import { Random } from '../../src/util/random.js';

test('gradual steps: pruned count follows round(s_t·n), and a pruned weight stays pruned when it regrows', () => {
  const random = new Random(4);
  const group = [masked(new Float32Array(60)), masked(new Float32Array(40))];
  const totalSteps = 10;
  // round(100 · 0.8 · (1 - (1 - t/10)³)): 0.8 · 0.271 = 0.2168 -> 22, 0.8 · 0.488 = 0.3904 -> 39, ...
  const expectedCounts = [22, 39, 53, 63, 70, 75, 78, 79, 80, 80];
  let previouslyPruned = new Set<string>();
  for (let step = 1; step <= totalSteps; step++) {
    // The optimizer moves every weight, pruned ones too, before the mask is re-applied.
    for (const { values } of group) values.forEach((_, i) => (values[i] = random.uniform(-1, 1)));
    enforceSparsity(group, targetCount(group, polynomialSparsity(step, totalSteps, 0, 0.8)));
    const pruned = new Set<string>();
    group.forEach(({ values, mask }, tensor) =>
      mask.forEach((keep, i) => {
        if (keep === 0) {
          pruned.add(`${tensor}:${i}`);
          assert.equal(values[i], 0);
        }
      }),
    );
    assert.equal(pruned.size, expectedCounts[step - 1], `step ${step}`);
    for (const key of previouslyPruned) assert.ok(pruned.has(key), `${key} stays pruned at step ${step}`);
    previouslyPruned = pruned;
  }
});

test('one group across tensors is one threshold; the smallest kept magnitudes go first', () => {
  const a = masked(Float32Array.from([0.4, -0.1, 0.9]));
  const b = masked(Float32Array.from([-0.2, 0.05]));
  enforceSparsity([a, b], 2);
  assert.deepEqual(a.values, Float32Array.from([0.4, 0, 0.9]));
  assert.deepEqual(b.values, Float32Array.from([-0.2, 0]));
  enforceSparsity([a, b], 3);
  assert.deepEqual(b.values, Float32Array.from([0, 0]));
  assert.deepEqual([...a.mask, ...b.mask], [1, 0, 1, 0, 0]);
});
