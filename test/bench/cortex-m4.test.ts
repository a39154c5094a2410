import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchVariants } from '../../src/bench/index.js';
import { generateC } from '../../src/export/c/index.js';
import { graphStats } from '../../src/graph/stats.js';
import { missingTools } from '../../src/bench/mcu/index.js';
import { assertScoresOfRuntime, benchFixture, byVariant } from './fixture.js';

const fixture = await benchFixture();
const missing = await missingTools();

test('c-cortex-m4: footprint and instruction counts, no wall-clock latency, scores over the whole split', async () => {
  const results = await benchVariants({
    model: 'model.json',
    spec: { task: 'binary' },
    test: fixture.test,
    variants: fixture.variants,
    reports: [],
    runners: ['c-cortex-m4'],
    runs: 1,
    mcuWindows: fixture.test.count,
  });
  if (missing.length > 0) {
    // Without the toolchain the cells say what to install instead of measuring.
    for (const cell of results.cells) assert.match(cell.reason!, /apt-get install gcc-arm-none-eabi/);
    return;
  }
  for (const variant of ['float32', 'int8'] as const) {
    const cell = byVariant(results.cells, variant);
    assert.equal(cell.status, 'ok', cell.reason);
    assert.equal(cell.latency, undefined);
    assert.equal(cell.batch, undefined);
    const graph = fixture.graphs[variant];
    const mcu = cell.mcu!;
    assert.ok(mcu.flashBytes > graphStats(graph).weightBytes, `${variant} flash ${mcu.flashBytes}`);
    assert.ok(mcu.ramBytes >= generateC(graph, { name: 'm' }).arenaBytes, `${variant} RAM ${mcu.ramBytes}`);
    assert.ok(mcu.stackBytes > 0 && mcu.instructionsPerInference > graphStats(graph).macs);
    assert.equal(cell.memory!.modelBytes, mcu.flashBytes);
    assertScoresOfRuntime(cell, fixture);
  }
  assert.equal(byVariant(results.cells, 'int8').verified!.maxAbsDiff, 0);
});
