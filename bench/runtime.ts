/**
 * Inference speed and footprint of the edgeforge runtime next to TensorFlow.js (wasm
 * backend) on the same architectures and weights, in the same run:
 *   npm run bench:runtime [-- --runs N]
 * For lstm-tutorial (64 steps, 1 channel) and cnn1d-small, trained for one epoch on a small
 * synthetic set: single-window latency (median and p95 of N >= 1000 runs after warm-up),
 * batch-64 throughput, heap before/after 10,000 inferences, the RSS of a process holding
 * only the runtime, the max abs difference between the two (and against the trainer's
 * forward pass), and the size of the `edgeforge/runtime` browser bundle (minified, gzipped).
 * The load average is printed with each model: on a shared machine the times move with it, so
 * compare runs made under similar load.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { dataSectionSchema } from '../src/config/data-schema.js';
import { trainSectionSchema } from '../src/config/train-schema.js';
import { prepareData, type PreparedData } from '../src/data/prepare.js';
import { encodeGraph } from '../src/graph/format.js';
import { lowerModel } from '../src/graph/lower/index.js';
import { instantiate } from '../src/train/model-file.js';
import type { PresetName } from '../src/train/presets.js';
import { trainModel } from '../src/train/train-model.js';
import type { LatencyStats, Throughput } from './peers/timing.js';
import { numberFlag } from './flags.js';

interface Measured {
  outputs: number[];
  single: LatencyStats;
  batch: Throughput;
}

interface RuntimeMeasured extends Measured {
  arenaBytes: number;
  heap: { gcExposed: boolean; before: number; after: number; runs: number };
  rssBytes: number;
  maxRssBytes: number;
}

const PRESETS: PresetName[] = ['lstm-tutorial', 'cnn1d-small'];
const CHECK_WINDOWS = 64;
const LSTM_TARGET_MS = 0.8;
const RSS_TARGET_MB = 100;

const runs = Math.max(1000, numberFlag('--runs', 1000));
const here = fileURLToPath(new URL('.', import.meta.url));
/** The runtime entry in the source tree (dist-bench/bench/ -> the repository root). */
const runtimeEntry = fileURLToPath(new URL('../../src/runtime/index.ts', import.meta.url));

function runNode(script: string, args: string[], nodeFlags: string[] = []): string {
  const out = execFileSync(process.execPath, [...nodeFlags, join(here, 'peers', script), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return out.trim().split('\n').at(-1)!;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

const ms = (value: number): string => `${value.toFixed(3)} ms`;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function benchPreset(preset: PresetName, prepared: PreparedData, folder: string): Promise<void> {
  const trained = await trainModel(
    prepared,
    trainSectionSchema.parse({ preset, epochs: 1, checkpoint: false }),
  );
  const graphFile = join(folder, `${preset}.efg`);
  await writeFile(graphFile, encodeGraph(lowerModel(trained, `${preset} (1 epoch)`)));
  const { test } = prepared;
  const sampleSize = test.steps * test.channels;
  const check = test.x.slice(0, CHECK_WINDOWS * sampleSize);
  const checkFile = join(folder, 'check.bin');
  await writeFile(checkFile, new Uint8Array(check.buffer));
  const weights = Object.fromEntries(
    Object.entries(trained.weights).map(([name, values]) => [name, Array.from(values)]),
  );
  const tfjsFile = join(folder, `${preset}.tfjs.json`);
  await writeFile(tfjsFile, JSON.stringify({ config: trained.architecture, weights }));

  const trainer = Array.from(instantiate(trained).forward(check, CHECK_WINDOWS));
  const ours = JSON.parse(
    runNode('edgeforge-runtime.js', [graphFile, checkFile, String(runs)], ['--expose-gc']),
  ) as RuntimeMeasured;
  const tfjs = JSON.parse(runNode('tfjs-predict.js', [tfjsFile, checkFile, String(runs)])) as Measured & {
    backend: string;
  };

  console.log(
    `\n${preset} (${test.steps} steps x ${test.channels} channel(s)); arena ${ours.arenaBytes} bytes; ` +
      `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  );
  console.log(
    `  edgeforge runtime: single ${ms(ours.single.medianMs)} median, ${ms(ours.single.p95Ms)} p95 (${ours.single.runs} runs); ` +
      `batch 64: ${ours.batch.windowsPerSecond.toFixed(0)} windows/s`,
  );
  console.log(
    `  tfjs ${tfjs.backend}:        single ${ms(tfjs.single.medianMs)} median, ${ms(tfjs.single.p95Ms)} p95 (${tfjs.single.runs} runs); ` +
      `batch 64: ${tfjs.batch.windowsPerSecond.toFixed(0)} windows/s`,
  );
  console.log(
    `  ratios edgeforge vs tfjs: single-window speed ${(tfjs.single.medianMs / ours.single.medianMs).toFixed(2)}x, ` +
      `batch-64 throughput ${(ours.batch.windowsPerSecond / tfjs.batch.windowsPerSecond).toFixed(2)}x`,
  );
  console.log(
    `  max abs diff over ${CHECK_WINDOWS} windows: vs tfjs ${maxAbsDiff(ours.outputs, tfjs.outputs).toExponential(2)}, ` +
      `vs the trainer's forward ${maxAbsDiff(ours.outputs, trainer).toExponential(2)}`,
  );
  const { heap } = ours;
  const grown = heap.after - heap.before;
  console.log(
    `  heap used before/after ${heap.runs} inferences (after a warm-up pass): ${heap.before} / ${heap.after} bytes ` +
      `(${grown >= 0 ? '+' : ''}${grown}, ${(grown / heap.runs).toFixed(2)} bytes per inference)` +
      (heap.gcExposed ? '' : ' (run node with --expose-gc for an exact before)'),
  );
  console.log(
    `  runtime-only process: RSS ${mb(ours.rssBytes)}, peak ${mb(ours.maxRssBytes)} (target < ${RSS_TARGET_MB} MB)`,
  );
  if (preset === 'lstm-tutorial') {
    const met = ours.single.medianMs <= LSTM_TARGET_MS ? 'met' : 'MISSED';
    console.log(`  target single-window latency <= ${LSTM_TARGET_MS} ms: ${met}`);
  }
}

/** The `edgeforge/runtime` entry bundled for browsers, minified, and its gzip size. */
async function bundleSize(): Promise<{ bytes: number; gzip: number }> {
  const result = await build({
    entryPoints: [runtimeEntry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const folder = await mkdtemp(join(tmpdir(), 'edgeforge-bench-runtime-'));
try {
  const prepared = await prepareData(
    dataSectionSchema.parse({
      file: join(folder, 'bearing.csv'),
      synthesize: { rows: 400, length: 64, seed: 42 },
      label: 'fault_label',
    }),
  );
  console.log(
    `models trained 1 epoch on ${prepared.train.count} synthetic windows; ${runs} timed runs per latency`,
  );
  for (const preset of PRESETS) await benchPreset(preset, prepared, folder);
  const bundle = await bundleSize();
  console.log(
    `\nedgeforge/runtime browser bundle (esbuild, minified): ${(bundle.bytes / 1024).toFixed(1)} kB, gzip ${(bundle.gzip / 1024).toFixed(1)} kB`,
  );
} finally {
  await rm(folder, { recursive: true, force: true });
}
