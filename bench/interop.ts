/**
 * The same model in ONNX Runtime and in the edgeforge runtime, in the same run:
 *   npm run bench:interop [-- --runs N]
 * For lstm-tutorial and cnn1d-small, trained one epoch on a small synthetic set, float and
 * int8 (post-training quantized, float edges): single-window latency (median and p95 of N
 * runs after warm-up) in onnxruntime-node with one intra-op thread and in the edgeforge
 * runtime at batch 1, their ratio edgeforge / ORT (below 1: edgeforge is faster), the .onnx
 * size, and the two runtimes' max output difference.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { dataSectionSchema } from '../src/config/data-schema.js';
import { trainSectionSchema } from '../src/config/train-schema.js';
import { prepareData, type PreparedData } from '../src/data/prepare.js';
import { verifyOnnx, writeOnnx } from '../src/export/onnx/index.js';
import { lowerModel } from '../src/graph/lower/index.js';
import type { Graph } from '../src/graph/types.js';
import { calibrate } from '../src/quant/calibrate/index.js';
import { quantizeGraph } from '../src/quant/ptq/index.js';
import { Interpreter } from '../src/runtime/interpreter.js';
import type { PresetName } from '../src/train/presets.js';
import { trainModel } from '../src/train/train-model.js';
import { latencyStats, type LatencyStats } from './peers/timing.js';
import { numberFlag } from './flags.js';

const PRESETS: PresetName[] = ['lstm-tutorial', 'cnn1d-small'];
const CALIBRATION_WINDOWS = 64;
const CHECK_WINDOWS = 64;
const WARMUP = 200;

const runs = Math.max(1000, numberFlag('--runs', 1000));

/** Like latencyStats, for ONNX Runtime's asynchronous run(). */
async function asyncLatency(run: () => Promise<unknown>): Promise<LatencyStats> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times[i] = performance.now() - started;
  }
  times.sort();
  const at = (q: number) => times[Math.min(runs - 1, Math.ceil(q * runs) - 1)]!;
  return { runs, medianMs: at(0.5), p95Ms: at(0.95) };
}

function edgeforgeLatency(graph: Graph, window: Float32Array): LatencyStats {
  const interpreter = new Interpreter(graph);
  const input = interpreter.input(0);
  return latencyStats(
    () => {
      input.set(window);
      interpreter.invoke();
    },
    runs,
    WARMUP,
  );
}

async function onnxLatency(model: Uint8Array, window: Float32Array, shape: number[]): Promise<LatencyStats> {
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
  const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', window, shape) };
  try {
    return await asyncLatency(() => session.run(feeds));
  } finally {
    await session.release();
  }
}

const ms = (value: number): string => `${value.toFixed(3)} ms`;

async function benchGraph(
  label: string,
  graph: Graph,
  windows: Float32Array,
  windowSize: number,
): Promise<void> {
  const model = writeOnnx(graph);
  const window = windows.slice(0, windowSize);
  const shape = [1, ...graph.tensors[graph.inputs[0]!]!.shape.slice(1)];
  const ours = edgeforgeLatency(graph, window);
  const theirs = await onnxLatency(model, window, shape);
  const check = await verifyOnnx(graph, model, windows.slice(0, CHECK_WINDOWS * windowSize));
  const steps = check.maxStepDiff === undefined ? '' : ` (${check.maxStepDiff.toFixed(2)} output steps)`;
  console.log(`  ${label}: .onnx ${model.length} bytes`);
  console.log(`    edgeforge runtime:        ${ms(ours.medianMs)} median, ${ms(ours.p95Ms)} p95`);
  console.log(`    onnxruntime-node 1 thread: ${ms(theirs.medianMs)} median, ${ms(theirs.p95Ms)} p95`);
  console.log(
    `    edgeforge / ORT median latency: ${(ours.medianMs / theirs.medianMs).toFixed(2)}; ` +
      `max abs diff over ${check.windows} windows ${check.maxAbsDiff.toExponential(2)}${steps}`,
  );
}

async function benchPreset(preset: PresetName, prepared: PreparedData): Promise<void> {
  const trained = await trainModel(
    prepared,
    trainSectionSchema.parse({ preset, epochs: 1, checkpoint: false }),
  );
  const float = lowerModel(trained, `${preset} (1 epoch)`);
  const { train, test } = prepared;
  const windowSize = test.steps * test.channels;
  const calibration = Math.min(CALIBRATION_WINDOWS, train.count);
  const ranges = calibrate(float, train.x.subarray(0, calibration * windowSize), calibration, {
    method: 'minmax',
  });
  const int8 = quantizeGraph(float, ranges, { io: 'float' });
  console.log(`\n${preset} (${test.steps} steps x ${test.channels} channel(s))`);
  await benchGraph('float32', float, test.x, windowSize);
  await benchGraph('int8 (QDQ, float edges)', int8, test.x, windowSize);
}

const folder = await mkdtemp(join(tmpdir(), 'edgeforge-bench-interop-'));
try {
  const prepared = await prepareData(
    dataSectionSchema.parse({
      file: join(folder, 'bearing.csv'),
      synthesize: { rows: 400, length: 64, seed: 42 },
      label: 'fault_label',
    }),
  );
  console.log(
    `onnxruntime-node ${ort.env.versions.common}; models trained 1 epoch on ${prepared.train.count} synthetic windows; ` +
      `${runs} timed single-window runs each`,
  );
  for (const preset of PRESETS) await benchPreset(preset, prepared);
} finally {
  await rm(folder, { recursive: true, force: true });
}
