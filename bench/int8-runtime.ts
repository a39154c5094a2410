/**
 * int8 against float32 single-window latency in the same process, for lstm-tutorial
 * (64 steps) and cnn1d-small trained one epoch on a small synthetic set, the int8 graph made
 * by post-training quantization with float I/O (QUANTIZE/DEQUANTIZE at the edges):
 *   npm run bench:int8 [-- --runs N]
 * Issue 5's figure: int8 no slower than float. Times move with the machine's load, so both
 * variants are measured alternately in rounds and the medians of all rounds compared.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSectionSchema } from '../src/config/data-schema.js';
import { trainSectionSchema } from '../src/config/train-schema.js';
import { prepareData, type PreparedData } from '../src/data/prepare.js';
import type { Graph } from '../src/graph/types.js';
import { lowerModel } from '../src/graph/lower/index.js';
import { postTrainingInt8 } from '../src/quant/post-training.js';
import { Interpreter } from '../src/runtime/interpreter.js';
import type { PresetName } from '../src/train/presets.js';
import { trainModel } from '../src/train/train-model.js';
import { latencyStats } from './peers/timing.js';
import { numberFlag } from './flags.js';

const PRESETS: PresetName[] = ['lstm-tutorial', 'cnn1d-small'];
const CALIBRATION_WINDOWS = 64;
const ROUNDS = 5;

const runs = Math.max(100, numberFlag('--runs', 1000));

/** Median of `runs` single-window inferences of `graph` on `window`. */
function singleLatency(graph: Graph, window: Float32Array, timedRuns: number): number {
  const interpreter = new Interpreter(graph, { batch: 1 });
  const input = interpreter.input(0);
  return latencyStats(() => {
    input.set(window);
    interpreter.invoke();
  }, timedRuns).medianMs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function benchPreset(preset: PresetName, prepared: PreparedData): Promise<void> {
  const trained = await trainModel(
    prepared,
    trainSectionSchema.parse({ preset, epochs: 1, checkpoint: false }),
  );
  const float = lowerModel(trained, `${preset} (1 epoch)`);
  const int8 = postTrainingInt8(float, prepared.train, { size: CALIBRATION_WINDOWS, io: 'float' });
  const { test } = prepared;
  const window = test.x.slice(0, test.steps * test.channels);
  const floatMs: number[] = [];
  const int8Ms: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    floatMs.push(singleLatency(float, window, runs));
    int8Ms.push(singleLatency(int8, window, runs));
  }
  const f = median(floatMs);
  const q = median(int8Ms);
  console.log(
    `${preset} (${test.steps} steps x ${test.channels} channel(s)), load average ${loadavg()[0].toFixed(1)}:\n` +
      `  float32 ${f.toFixed(4)} ms, int8 ${q.toFixed(4)} ms median single-window latency ` +
      `(${ROUNDS} rounds of ${runs}); int8/float ${(q / f).toFixed(2)}x: ${q <= f ? 'met' : 'MISSED'}`,
  );
}

const folder = await mkdtemp(join(tmpdir(), 'edgeforge-bench-int8-'));
try {
  const prepared = await prepareData(
    dataSectionSchema.parse({
      file: join(folder, 'bearing.csv'),
      synthesize: { rows: 400, length: 64, seed: 42 },
      label: 'fault_label',
    }),
  );
  for (const preset of PRESETS) await benchPreset(preset, prepared);
} finally {
  await rm(folder, { recursive: true, force: true });
}
