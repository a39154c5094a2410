import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { benchVariants } from '../../src/bench/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { assertScoresOfRuntime, assertTimed, benchFixture, byVariant } from './fixture.js';

const fixture = await benchFixture();

test('edgeforge runner: timed runs, the .efg size and planned arena, scores of the runtime', async () => {
  const results = await benchVariants({
    model: 'model.json',
    spec: { task: 'binary' },
    test: fixture.test,
    variants: fixture.variants,
    reports: [],
    runners: ['edgeforge'],
    runs: 30,
    batch: 4,
    batchRuns: 10,
  });
  assert.equal(results.task, 'binary');
  assert.deepEqual(results.classes, ['0', '1']);
  assert.ok(results.host.cores >= 1 && results.host.node === process.version);
  assert.deepEqual(
    results.cells.map((cell) => [cell.runner, cell.variant, cell.status]),
    [
      ['edgeforge', 'float32', 'ok'],
      ['edgeforge', 'int8', 'ok'],
    ],
  );
  for (const variant of fixture.variants) {
    const cell = byVariant(results.cells, variant.name);
    assertTimed(cell, 30, { size: 4, runs: 10 });
    assert.equal(cell.file, variant.graphFile);
    assert.equal(cell.memory!.modelBytes, (await stat(variant.graphFile)).size);
    const graph = fixture.graphs[variant.name as 'float32' | 'int8'];
    assert.equal(cell.memory!.arenaBytes, new Interpreter(graph).arenaBytes);
    // Batched runs of 4 give what the scorer's batches of 64 give.
    assert.equal(cell.verified!.maxAbsDiff, 0);
    assertScoresOfRuntime(cell, fixture);
  }
});
