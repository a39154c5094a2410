import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchVariants } from '../../src/bench/index.js';
import { generateC } from '../../src/export/c/index.js';
import { graphStats } from '../../src/graph/stats.js';
import { assertScoresOfRuntime, assertTimed, benchFixture, byVariant } from './fixture.js';

const fixture = await benchFixture();
const options = {
  model: 'model.json',
  spec: { task: 'binary' as const },
  test: fixture.test,
  variants: fixture.variants,
  reports: [],
  runners: ['c-native' as const],
  runs: 40,
  batch: 5,
  batchRuns: 8,
};

test('c-native: generated C at -O2 timed by its harness, bit-exact int8, the runtime scores', async () => {
  const results = await benchVariants(options);
  for (const variant of ['float32', 'int8'] as const) {
    const cell = byVariant(results.cells, variant);
    assert.equal(cell.status, 'ok', cell.reason);
    assertTimed(cell, 40, { size: 5, runs: 8 });
    const graph = fixture.graphs[variant];
    assert.equal(cell.memory!.arenaBytes, generateC(graph, { name: 'm' }).arenaBytes);
    // The library object holds the weights as constants, plus its code.
    assert.ok(
      cell.memory!.modelBytes > graphStats(graph).weightBytes,
      `${variant}: ${cell.memory!.modelBytes}`,
    );
    assertScoresOfRuntime(cell, fixture);
  }
  assert.equal(byVariant(results.cells, 'int8').verified!.maxAbsDiff, 0);
  assert.ok(byVariant(results.cells, 'float32').verified!.maxAbsDiff <= 1e-5);
});

test('c-native without a host compiler: unsupported, saying so', async () => {
  const path = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    const results = await benchVariants({
      ...options,
      variants: fixture.variants.slice(0, 1),
      runs: 1,
      batchRuns: 1,
    });
    assert.equal(results.cells.length, 1);
    assert.equal(results.cells[0]!.status, 'unsupported');
    assert.match(results.cells[0]!.reason!, /host C compiler gcc does not run \(ENOENT\)/);
  } finally {
    process.env.PATH = path;
  }
});
