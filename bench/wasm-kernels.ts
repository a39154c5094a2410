/**
 * The WebAssembly SIMD kernels next to their TypeScript specification, in one run:
 *   npm run build:bench && node dist-bench/bench/wasm-kernels.js [-- --runs N]
 * 1. Mat-vec with a packed constant matrix (the FULLY_CONNECTED / gate-projection product):
 *    ns per multiply-add for TypeScript addMatVec and the WebAssembly kernel, kernel call only.
 * 2. lstm-tutorial and cnn1d-small (trained one epoch on a small synthetic set, as
 *    bench/runtime.ts does): single-window latency with the WebAssembly kernels off and on,
 *    each in a process of its own, alternating, and the max abs difference of their outputs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataSectionSchema } from '../src/config/data-schema.js';
import { trainSectionSchema } from '../src/config/train-schema.js';
import { prepareData, type PreparedData } from '../src/data/prepare.js';
import { decodeGraph, encodeGraph } from '../src/graph/format.js';
import { lowerModel } from '../src/graph/lower/index.js';
import { Interpreter } from '../src/runtime/index.js';
import { addMatVec, packMatrix } from '../src/runtime/kernels/float/packed-matrix.js';
import { useWasmKernels, wasmKernelsAvailable } from '../src/runtime/wasm/kernel-module.js';
import { createWasmMatMul, PACKED_MATVEC } from '../src/runtime/wasm/wasm-matmul.js';
import type { PresetName } from '../src/train/presets.js';
import { trainModel } from '../src/train/train-model.js';
import { Random } from '../src/util/random.js';
import { numberFlag } from './flags.js';
import { latencyStats } from './peers/timing.js';

const PRESETS: PresetName[] = ['lstm-tutorial', 'cnn1d-small'];
/** rows × cols: an LSTM's four gates (H = 64) over [x; h] with 1 and 64 inputs, a square layer, a head. */
const SHAPES: [number, number][] = [
  [256, 65],
  [256, 128],
  [128, 128],
  [64, 64],
  [3, 64],
];

const runs = Math.max(1000, numberFlag('--runs', 2000));

/** Nanoseconds per multiply-add: the best of five rounds of enough calls for ~50 M MACs. */
function nsPerMac(run: () => void, macs: number): number {
  const calls = Math.max(100, Math.ceil(5e7 / macs / 5));
  for (let i = 0; i < calls; i++) run();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) run();
    best = Math.min(best, ((performance.now() - started) * 1e6) / (calls * macs));
  }
  return best;
}

function benchMatVec(): void {
  console.log('\nmat-vec, packed constant matrix (kernel call only)');
  console.log('  shape        TypeScript ns/MAC  WebAssembly ns/MAC  speed-up');
  const random = new Random(1);
  for (const [rows, cols] of SHAPES) {
    const m = Float32Array.from({ length: rows * cols }, () => random.normal());
    const v = Float32Array.from({ length: cols }, () => random.normal());
    const out = new Float32Array(rows);
    const packed = packMatrix(m, rows, cols);
    const ts = nsPerMac(() => addMatVec(packed, v, 0, out, 0), rows * cols);
    const product = createWasmMatMul(m, rows, cols, 1);
    if (product === undefined) throw new Error('no WebAssembly SIMD in this Node');
    product.input.set(v);
    const wasm = nsPerMac(() => product.run(1), rows * cols);
    const shape = `${rows}x${cols}`.padEnd(12);
    console.log(
      `  ${shape} ${ts.toFixed(3).padStart(17)}  ${wasm.toFixed(3).padStart(18)}  ${(ts / wasm).toFixed(2).padStart(7)}x`,
    );
  }
}

/**
 * One path's median latency, in a process of its own: V8 slows every interpreter after a
 * few have run in one process (the float kernels' call sites turn polymorphic), which would
 * bias whichever path runs later.
 */
function latencyInChild(graphFile: string, sampleFile: string, wasm: boolean): number {
  const out = execFileSync(
    process.execPath,
    [
      fileURLToPath(import.meta.url),
      '--latency',
      graphFile,
      sampleFile,
      wasm ? 'on' : 'off',
      '--runs',
      String(runs),
    ],
    { encoding: 'utf8' },
  );
  return Number(out.trim().split('\n').at(-1));
}

/** The child's side: prints the median single-window latency in ms. */
async function measureLatency(graphFile: string, sampleFile: string, wasm: string): Promise<void> {
  useWasmKernels(wasm === 'on');
  const interpreter = new Interpreter(decodeGraph(new Uint8Array(await readFile(graphFile))), { batch: 1 });
  interpreter.input(0).set(new Float32Array((await readFile(sampleFile)).buffer.slice(0)));
  const stats = latencyStats(() => interpreter.invoke(), runs);
  console.log(stats.medianMs);
}

async function benchPreset(preset: PresetName, prepared: PreparedData, folder: string): Promise<void> {
  const trained = await trainModel(
    prepared,
    trainSectionSchema.parse({ preset, epochs: 1, checkpoint: false }),
  );
  const graph = lowerModel(trained, `${preset} (1 epoch)`);
  const graphFile = join(folder, `${preset}.efg`);
  await writeFile(graphFile, encodeGraph(graph));
  const sample = prepared.test.x.slice(0, prepared.test.steps * prepared.test.channels);
  const sampleFile = join(folder, 'sample.bin');
  await writeFile(sampleFile, new Uint8Array(sample.buffer));
  // Alternate the two so load changes on the shared machine hit both alike.
  const medians = { typescript: [] as number[], webassembly: [] as number[] };
  for (let round = 0; round < 3; round++) {
    medians.typescript.push(latencyInChild(graphFile, sampleFile, false));
    medians.webassembly.push(latencyInChild(graphFile, sampleFile, true));
  }
  const outputs = [false, true].map((wasm) => {
    useWasmKernels(wasm);
    const interpreter = new Interpreter(graph, { batch: 1 });
    interpreter.input(0).set(sample);
    interpreter.invoke();
    return interpreter.output(0).slice();
  });
  useWasmKernels(true);
  let diff = 0;
  for (let i = 0; i < outputs[0].length; i++) diff = Math.max(diff, Math.abs(outputs[0][i] - outputs[1][i]));
  const best = (values: number[]): string => `${(Math.min(...values) * 1000).toFixed(1)} µs`;
  console.log(
    `\n${preset} single window (load ${loadavg()[0].toFixed(2)}): TypeScript kernels ${best(medians.typescript)}, ` +
      `with WebAssembly ${best(medians.webassembly)} (best of 3 processes' medians); max abs diff ${diff.toExponential(2)}`,
  );
}

async function main(): Promise<void> {
  if (!wasmKernelsAvailable(PACKED_MATVEC)) throw new Error('this Node has no WebAssembly SIMD');
  benchMatVec();
  const folder = await mkdtemp(join(tmpdir(), 'edgeforge-bench-wasm-'));
  try {
    const prepared = await prepareData(
      dataSectionSchema.parse({
        file: join(folder, 'bearing.csv'),
        synthesize: { rows: 400, length: 64, seed: 42 },
        label: 'fault_label',
      }),
    );
    for (const preset of PRESETS) await benchPreset(preset, prepared, folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const latencyAt = process.argv.indexOf('--latency');
if (latencyAt >= 0) {
  const [graphFile, sampleFile, wasm] = process.argv.slice(latencyAt + 1);
  await measureLatency(graphFile, sampleFile, wasm);
} else {
  await main();
}
