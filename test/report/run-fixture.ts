/**
 * A real run folder for the report tests: data -> train (mlp, 1 epoch) -> compress (float32,
 * int8) -> export (tflite, onnx) on 300 synthetic rows, plus a hand-written bench.json whose
 * figures the tests look for in the report.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchCell, BenchResults } from '../../src/bench/results.js';
import type { CompressReport } from '../../src/compress/report.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { tinyPipelineConfig } from '../pipeline/tiny-config.js';

export const HOSTILE_REASON = 'needs <script>alert("x")</script> & a <b>toolchain</b>';

const latency = (mean: number, p95: number) => ({ runs: 200, mean, p50: mean, p95, p99: p95 * 1.5 });

/**
 * Latency front by hand: float32·edgeforge (0.125 ms, 75 %) and int8·edgeforge (0.062 ms, 70 %)
 * are on it; float32·onnxruntime (0.5 ms, 75 %) is dominated by float32·edgeforge.
 */
export const BENCH_CELLS: BenchCell[] = [
  {
    variant: 'float32',
    runner: 'edgeforge',
    status: 'ok',
    latency: latency(0.125, 0.25),
    batch: { size: 32, latency: latency(1.6, 2), throughputPerSecond: 20000 },
    memory: { modelBytes: 13312, arenaBytes: 384, rssGrowthBytes: 0 },
    cpu: { utilization: 0.985 },
    accuracy: { accuracy: 0.75, f1: 0.74 },
  },
  {
    variant: 'int8',
    runner: 'edgeforge',
    status: 'ok',
    latency: latency(0.062, 0.09),
    memory: { modelBytes: 4096, arenaBytes: 96 },
    cpu: { utilization: 0.5 },
    accuracy: { accuracy: 0.7, f1: 0.69 },
  },
  {
    variant: 'float32',
    runner: 'onnxruntime',
    status: 'ok',
    file: 'export/float32.onnx',
    verified: { maxAbsDiff: 6e-8, tolerance: 1e-5, passed: true },
    latency: latency(0.5, 0.75),
    memory: { modelBytes: 15053 },
    cpu: { utilization: 0.97 },
    accuracy: { accuracy: 0.75, f1: 0.74 },
  },
  { variant: 'int8', runner: 'litert', status: 'unsupported', reason: HOSTILE_REASON },
  {
    variant: 'int8',
    runner: 'c-cortex-m4',
    status: 'ok',
    mcu: { flashBytes: 20480, ramBytes: 2048, stackBytes: 512, instructionsPerInference: 123456 },
  },
];

export interface RunFixture {
  run: string;
  compress: CompressReport;
}

export async function buildRunFixture(): Promise<RunFixture> {
  const config = await tinyPipelineConfig('edgeforge-report-');
  const run = config.output!;
  await runPipeline(config);
  const compress = JSON.parse(
    await readFile(join(run, 'compress', 'compress.json'), 'utf8'),
  ) as CompressReport;
  const bench: BenchResults = {
    model: join(run, 'train', 'model.json'),
    createdAt: '2026-01-02T03:04:05.000Z',
    host: { cpu: 'Test CPU @ 2.0GHz', cores: 2, node: 'v20.0.0', platform: 'linux x64' },
    task: 'binary',
    classes: ['0', '1'],
    variants: compress.variants,
    cells: BENCH_CELLS,
  };
  await writeFileAtomic(join(run, 'bench', 'bench.json'), `${JSON.stringify(bench, null, 2)}\n`);
  return { run, compress };
}
