/**
 * Training speed, accuracy and memory of edgeforge's engine on the tutorial's LSTM, next to
 * PyTorch 1.13 (Debian python3-torch, one thread) and TensorFlow.js's wasm backend, on the
 * same prepared split in the same run:
 *   npm run bench:train [-- --epochs N] [--tfjs-windows N] [--difficulty X] [--seeds N] [--threads N]
 *                          [--kernels wasm|both]
 * With --seeds N both engines train N times (seeds 42, 43, ...) and accuracies are compared as means.
 * With --threads N (N > 1) edgeforge also trains the first seed on 1 and on N threads (same
 * epochs, the model straight through fit) and reports both times per window and their ratio.
 * With --kernels both edgeforge also trains the first seed on one thread with the WebAssembly
 * kernels switched off (the TypeScript kernels, same results bit for bit) and reports the ratio.
 * 6,000 synthetic windows of 64 steps -> data stage (70/10/20 split, standard scaling, one
 * noisy copy of each training window) -> lstm-tutorial, batch 32.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataSectionSchema } from '../src/config/data-schema.js';
import { trainSectionSchema } from '../src/config/train-schema.js';
import { prepareData, type PreparedData } from '../src/data/prepare.js';
import { Sequential } from '../src/nn/sequential.js';
import { buildOptimizer, buildSchedule } from '../src/train/build-optimizer.js';
import { fit } from '../src/train/fit.js';
import { presetSettings } from '../src/train/presets.js';
import { trainModel } from '../src/train/train-model.js';
import { useWasmKernels } from '../src/runtime/wasm/kernel-module.js';
import { writeSplitFiles } from './peers/split-files.js';
import { numberFlag, textFlag } from './flags.js';

const epochs = numberFlag('--epochs', 10);
const tfjsWindows = numberFlag('--tfjs-windows', 320);
const difficulty = numberFlag('--difficulty', 0.5);
const seeds = Array.from({ length: numberFlag('--seeds', 1) }, (_, i) => 42 + i);
const threads = numberFlag('--threads', 1);
const bothKernels = textFlag('--kernels', 'wasm') === 'both';
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Mean milliseconds per training window of lstm-tutorial fitted on `threadCount` threads. */
async function msPerWindow(prepared: PreparedData, seed: number, threadCount: number): Promise<number> {
  const { train, validation } = prepared;
  const preset = presetSettings('lstm-tutorial', {
    steps: train.steps,
    channels: train.channels,
    classes: train.classes.length,
  });
  const model = new Sequential(preset.layers).build([train.steps, train.channels], seed);
  const result = await fit(model, train, validation, {
    task: preset.task,
    epochs,
    batchSize: preset.batchSize,
    seed,
    shuffle: true,
    optimizer: buildOptimizer({ type: 'adam', learningRate: preset.learningRate }),
    schedule: buildSchedule({ type: 'constant' }, preset.learningRate, epochs),
    classWeight: 'none',
    earlyStopping: false,
    threads: threadCount,
  });
  return (mean(result.history.map((e) => e.seconds)) * 1000) / train.count;
}
const here = fileURLToPath(new URL('.', import.meta.url));
/** The Python peer is not compiled: it stays in the source tree beside dist-bench/. */
const torchScript = fileURLToPath(new URL('../../bench/peers/torch_train.py', import.meta.url));
const folder = await mkdtemp(join(tmpdir(), 'edgeforge-bench-train-'));

try {
  const prepared = await prepareData(
    dataSectionSchema.parse({
      file: join(folder, 'bearing.csv'),
      synthesize: { rows: 6000, length: 64, seed: 42, difficulty },
      label: 'fault_label',
      augment: { copies: 1, noise: 0.1, seed: 42 },
    }),
  );
  await writeSplitFiles(join(folder, 'split'), prepared, { epochs, batch: 32 });
  const windows = prepared.train.count;
  console.log(
    `data: ${windows} training windows of ${prepared.train.steps} x ${prepared.train.channels}, ${prepared.test.count} test windows`,
  );

  const oursRuns: { ms: number; accuracy: number }[] = [];
  for (const seed of seeds) {
    const model = await trainModel(
      prepared,
      trainSectionSchema.parse({ preset: 'lstm-tutorial', epochs, seed, checkpoint: false, threads: 1 }),
    );
    const epochSeconds = mean(model.training.history.map((e) => e.seconds));
    const test = model.evaluation.test;
    const accuracy = 'report' in test ? test.report.accuracy : test.accuracy;
    oursRuns.push({ ms: (epochSeconds * 1000) / windows, accuracy });
    console.log(
      `edgeforge seed ${seed}: ${epochSeconds.toFixed(2)} s/epoch, ${oursRuns.at(-1)!.ms.toFixed(3)} ms/window, test accuracy ${accuracy.toFixed(4)}`,
    );
  }
  const oursMs = mean(oursRuns.map((r) => r.ms));
  const oursAccuracy = mean(oursRuns.map((r) => r.accuracy));
  console.log(
    `edgeforge: peak RSS of the training run ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );

  let threadMs: { one: number; many: number } | undefined;
  if (threads > 1) {
    threadMs = {
      one: await msPerWindow(prepared, seeds[0]!, 1),
      many: await msPerWindow(prepared, seeds[0]!, threads),
    };
    console.log(
      `edgeforge threads (seed ${seeds[0]}): 1 thread ${threadMs.one.toFixed(3)} ms/window, ${threads} threads ${threadMs.many.toFixed(3)} ms/window`,
    );
  }

  let kernelMs: { wasm: number; typescript: number } | undefined;
  if (bothKernels) {
    const wasm = threadMs?.one ?? (await msPerWindow(prepared, seeds[0]!, 1));
    useWasmKernels(false);
    try {
      kernelMs = { wasm, typescript: await msPerWindow(prepared, seeds[0]!, 1) };
    } finally {
      useWasmKernels(true);
    }
    console.log(
      `edgeforge kernels (seed ${seeds[0]}, 1 thread): WebAssembly ${kernelMs.wasm.toFixed(3)} ms/window, TypeScript ${kernelMs.typescript.toFixed(3)} ms/window`,
    );
  }

  const python = '/usr/bin/python3';
  const torchRuns: { ms: number; accuracy: number }[] = [];
  for (const seed of existsSync(python) ? seeds : []) {
    try {
      const out = execFileSync(python, [torchScript, join(folder, 'split'), String(seed)], {
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: '1' },
      });
      const torch = JSON.parse(out) as {
        torch: string;
        secondsPerEpoch: number[];
        windowsPerEpoch: number;
        testAccuracy: number;
      };
      const epochSeconds = mean(torch.secondsPerEpoch);
      torchRuns.push({ ms: (epochSeconds * 1000) / torch.windowsPerEpoch, accuracy: torch.testAccuracy });
      console.log(
        `pytorch ${torch.torch} (1 thread) seed ${seed}: ${epochSeconds.toFixed(2)} s/epoch, ${torchRuns.at(-1)!.ms.toFixed(3)} ms/window, test accuracy ${torch.testAccuracy.toFixed(4)}`,
      );
    } catch (error) {
      console.log(
        `pytorch: not run (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); apt-get install python3-torch`,
      );
      break;
    }
  }
  const torchMs = torchRuns.length ? mean(torchRuns.map((r) => r.ms)) : undefined;
  const torchAccuracy = torchRuns.length ? mean(torchRuns.map((r) => r.accuracy)) : undefined;

  let tfjsMs: number | undefined;
  if (tfjsWindows > 0) {
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, join(here, 'peers', 'tfjs-train.js'), join(folder, 'split'), String(tfjsWindows)],
      {
        encoding: 'utf8',
      },
    );
    const tfjs = JSON.parse(out.trim().split('\n').at(-1)!) as {
      backend: string;
      windows: number;
      msPerWindow: number;
    };
    tfjsMs = tfjs.msPerWindow;
    console.log(
      `tfjs (${tfjs.backend}): ${tfjsMs.toFixed(3)} ms/window over ${tfjs.windows} windows (a slice of one epoch), ~${((tfjsMs * windows) / 1000).toFixed(0)} s/epoch`,
    );
  }

  console.log('ratios:');
  if (torchMs !== undefined && torchAccuracy !== undefined) {
    console.log(`  edgeforge / pytorch time per window: ${(oursMs / torchMs).toFixed(2)}x (target <= 0.5x)`);
    console.log(
      `  accuracy edgeforge - pytorch: ${((oursAccuracy - torchAccuracy) * 100).toFixed(2)} points (target within 1)`,
    );
  }
  if (threadMs)
    console.log(
      `  edgeforge ${threads} threads / 1 thread time per window: ${(threadMs.many / threadMs.one).toFixed(2)}x`,
    );
  if (kernelMs)
    console.log(
      `  edgeforge WebAssembly / TypeScript kernels time per window: ${(kernelMs.wasm / kernelMs.typescript).toFixed(2)}x`,
    );
  if (tfjsMs !== undefined)
    console.log(
      `  tfjs-wasm / edgeforge time per window: ${(tfjsMs / oursMs).toFixed(1)}x faster (target >= 10x)`,
    );
} finally {
  await rm(folder, { recursive: true, force: true });
}
