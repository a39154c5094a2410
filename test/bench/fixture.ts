/**
 * A tiny binary conv model (untrained, seeded weights), its float and int8 deploy graphs
 * written as .efg files, and 40 test windows: enough for every runner in a second or two.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCell, VariantJob } from '../../src/bench/index.js';
import { evaluateGraph } from '../../src/compress/evaluate-graph.js';
import type { WindowSet } from '../../src/data/types.js';
import { encodeGraph } from '../../src/graph/format.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph } from '../../src/graph/types.js';
import { postTrainingInt8 } from '../../src/quant/post-training.js';
import type { TrainedModel } from '../../src/train/model-file.js';
import { SMALL_CONV } from '../compress/fixtures.js';
import { untrainedModel } from '../graph/model-fixtures.js';
import { toyWindows } from '../train/fixtures.js';

export interface BenchFixture {
  dir: string;
  model: TrainedModel;
  graphs: { float32: Graph; int8: Graph };
  test: WindowSet;
  variants: VariantJob[];
}

export const STEPS = 32;

export async function benchFixture(): Promise<BenchFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'edgeforge-bench-test-'));
  const test = toyWindows(40, STEPS, 5);
  const { model } = untrainedModel(SMALL_CONV, STEPS, 1, 'binary', test.classes);
  const float32 = lowerModel(model);
  const int8 = postTrainingInt8(float32, toyWindows(64, STEPS, 6), { io: 'int8' });
  const graphs = { float32, int8 };
  const variants: VariantJob[] = [];
  for (const [name, graph] of Object.entries(graphs)) {
    const graphFile = join(dir, `${name}.efg`);
    await writeFile(graphFile, encodeGraph(graph));
    variants.push({ name, graphFile, exports: {} });
  }
  return { dir, model, graphs, test, variants };
}

/** Timing figures that hold for any real measurement of `runs` single and `batchRuns` batched runs. */
export function assertTimed(cell: BenchCell, runs: number, batch: { size: number; runs: number }): void {
  const where = `${cell.runner} ${cell.variant}`;
  const latency = cell.latency!;
  assert.equal(latency.runs, runs, where);
  assert.ok(latency.mean > 0 && latency.p50 > 0, where);
  assert.ok(latency.p50 <= latency.p95 && latency.p95 <= latency.p99, where);
  assert.equal(cell.batch!.size, batch.size, where);
  assert.equal(cell.batch!.latency.runs, batch.runs, where);
  assert.ok(
    Math.abs(cell.batch!.throughputPerSecond - (1000 * batch.size) / cell.batch!.latency.mean) < 1e-6,
  );
  // Process CPU time counts V8's GC and compiler threads too, so it may pass one core, never all of them.
  assert.ok(
    cell.cpu!.utilization > 0 && cell.cpu!.utilization <= availableParallelism() + 0.05,
    `${where}: CPU ${cell.cpu!.utilization}`,
  );
  assert.ok(cell.memory!.rssGrowthBytes! >= 0, where);
}

/** The cell's scores are the edgeforge runtime's on the same windows (src/compress evaluateGraph). */
export function assertScoresOfRuntime(cell: BenchCell, fixture: BenchFixture): void {
  const graph = fixture.graphs[cell.variant as keyof BenchFixture['graphs']];
  const expected = evaluateGraph(graph, fixture.test, fixture.model);
  assert.deepEqual(cell.accuracy, { accuracy: expected.accuracy, f1: expected.f1, auc: expected.auc });
}

export const byVariant = (cells: BenchCell[], variant: string): BenchCell =>
  cells.find((cell) => cell.variant === variant)!;
