/**
 * The same model in ONNX Runtime and in the edgeforge runtime, in the same run:
 *   npm run bench:interop [-- --runs N]
 * For lstm-tutorial and cnn1d-small, trained one epoch on a small synthetic set, float and
 * int8 (post-training quantized, float edges): single-window latency (median and p95 of N
 * runs after warm-up) in onnxruntime-node with one intra-op thread and in the edgeforge
 * runtime at batch 1 (on its WebAssembly SIMD kernels, and on the TypeScript kernels they fall
 * back to), their ratio edgeforge / ORT (below 1: edgeforge is faster), the .onnx size, and the
 * two runtimes' max output difference. Issue 9's figures close each model: float32 within 1.5x
 * of ORT, and int8 no slower than float32 in the edgeforge runtime.
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
import { useWasmKernels } from '../src/runtime/wasm/kernel-module.js';
import type { PresetName } from '../src/train/presets.js';
import { trainModel } from '../src/train/train-model.js';
import { latencyStats, type LatencyStats } from './peers/timing.js';
import { numberFlag } from './flags.js';

const PRESETS: PresetName[] = ['lstm-tutorial', 'cnn1d-small'];
const CALIBRATION_WINDOWS = 64;
const CHECK_WINDOWS = 64;
const WARMUP = 200;

const runs = Math.max(1000, numberFlag('--runs', 1000));
/** Issue 9: edgeforge float32 single-window median at most this many times ORT's. */
const FLOAT_TARGET = 1.5;

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

interface EdgeforgeTiming {
  stats: LatencyStats;
  /** Ops of the graph on WebAssembly kernels, of all ops. */
  wasmOps: number;
  ops: number;
}

/** Single-window latency of the edgeforge runtime, on WebAssembly kernels where it has them or not at all. */
function edgeforgeLatency(graph: Graph, window: Float32Array, wasm: boolean): EdgeforgeTiming {
  useWasmKernels(wasm);
  try {
    const interpreter = new Interpreter(graph);
    const input = interpreter.input(0);
    const implementations = interpreter.kernelImplementations();
    const stats = latencyStats(
      () => {
        input.set(window);
        interpreter.invoke();
      },
      runs,
      WARMUP,
    );
    const wasmOps = implementations.filter((kind) => kind === 'webassembly').length;
    return { stats, wasmOps, ops: implementations.length };
  } finally {
    useWasmKernels(true);
  }
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

/** Prints one variant's figures; returns the edgeforge and ORT medians (WebAssembly kernels on). */
async function benchGraph(
  label: string,
  graph: Graph,
  windows: Float32Array,
  windowSize: number,
): Promise<{ edgeforgeMs: number; onnxMs: number }> {
  const model = writeOnnx(graph);
  const window = windows.slice(0, windowSize);
  const shape = [1, ...graph.tensors[graph.inputs[0]!]!.shape.slice(1)];
  const typescript = edgeforgeLatency(graph, window, false);
  const ours = edgeforgeLatency(graph, window, true);
  const theirs = await onnxLatency(model, window, shape);
  const check = await verifyOnnx(graph, model, windows.slice(0, CHECK_WINDOWS * windowSize));
  const steps = check.maxStepDiff === undefined ? '' : ` (${check.maxStepDiff.toFixed(2)} output steps)`;
  const line = (stats: LatencyStats) => `${ms(stats.medianMs)} median, ${ms(stats.p95Ms)} p95`;
  console.log(`  ${label}: .onnx ${model.length} bytes`);
  console.log(
    `    edgeforge runtime:         ${line(ours.stats)} (${ours.wasmOps} of ${ours.ops} ops on WebAssembly)`,
  );
  console.log(`    edgeforge, TypeScript only: ${line(typescript.stats)}`);
  console.log(`    onnxruntime-node 1 thread:  ${line(theirs)}`);
  console.log(
    `    edgeforge / ORT median latency: ${(ours.stats.medianMs / theirs.medianMs).toFixed(2)}; ` +
      `WebAssembly speed-up ${(typescript.stats.medianMs / ours.stats.medianMs).toFixed(2)}x; ` +
      `max abs diff over ${check.windows} windows ${check.maxAbsDiff.toExponential(2)}${steps}`,
  );
  return { edgeforgeMs: ours.stats.medianMs, onnxMs: theirs.medianMs };
}

const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

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
  const f = await benchGraph('float32', float, test.x, windowSize);
  const q = await benchGraph('int8 (QDQ, float edges)', int8, test.x, windowSize);
  const floatRatio = f.edgeforgeMs / f.onnxMs;
  const int8Ratio = q.edgeforgeMs / f.edgeforgeMs;
  console.log(
    `  targets: float32 edgeforge / ORT ${floatRatio.toFixed(2)} (<= ${FLOAT_TARGET}: ${verdict(floatRatio <= FLOAT_TARGET)}); ` +
      `int8 / float32 in edgeforge ${int8Ratio.toFixed(2)} (<= 1: ${verdict(int8Ratio <= 1)})`,
  );
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
