/**
 * Generated C on an emulated Cortex-M4 next to TensorFlow Lite Micro:
 *   npm run bench:mcu [-- --windows N]
 * For every preset (trained one epoch on a small synthetic set), float and int8, and for
 * ../shared/tflite-reference/trained_lstm_int8.tflite: generateC → cross-compiled for
 * Cortex-M4F (-Os) with our startup and linker script → QEMU mps2-an386. Per model: flash
 * (text + rodata + data) and static RAM (data + bss) of the library, i.e. the linked image
 * minus a harness-only baseline image; the stack high-water mark (painting); instructions per
 * inference (-icount shift=0, Timer0 at 25 MHz = 40 instructions a tick, calibrated in each
 * run); outputs checked against the edgeforge runtime or TensorFlow Lite Micro. A missed
 * target prints where the instructions and bytes go (traced run, nm --size-sort).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  graphIo,
  missingTools,
  runOnCortexM4,
  TOOLCHAIN_PACKAGES,
  type McuResult,
} from '../src/bench/mcu/index.js';
import { dataSectionSchema } from '../src/config/data-schema.js';
import { trainSectionSchema } from '../src/config/train-schema.js';
import { prepareData } from '../src/data/prepare.js';
import type { WindowSet } from '../src/data/types.js';
import { generateC } from '../src/export/c/index.js';
import { readTfliteFile } from '../src/export/tflite/read/read-file.js';
import { lowerModel } from '../src/graph/lower/index.js';
import type { Graph } from '../src/graph/types.js';
import { postTrainingInt8 } from '../src/quant/post-training.js';
import { quantizeValue } from '../src/quant/ptq/choose-params.js';
import { Interpreter } from '../src/runtime/interpreter.js';
import { PRESET_NAMES } from '../src/train/presets.js';
import { trainModel } from '../src/train/train-model.js';
import { numberFlag } from './flags.js';

/** The estimate's assumption: an STM32F405/F407 (Cortex-M4F) at 168 MHz retiring one instruction per cycle. */
const BOARD = { name: 'STM32F4 @ 168 MHz', hz: 168e6 };
const REFERENCE_DIR = fileURLToPath(new URL('../../../shared/tflite-reference/', import.meta.url));
const TFLITE_MODEL = 'trained_lstm_int8.tflite';
/** The generated C's Cortex-M DSP-extension path (packed 16-bit multiply-accumulates). */
const DSP_MACRO = 'EDGEFORGE_USE_DSP';
/** Float kernels in single precision (the M4's FPU has no doubles): close to, not bit-exact with, the runtime. */
const FLOAT_SINGLE_MACRO = 'EDGEFORGE_FLOAT_SINGLE';

/** TensorFlow Lite Micro on the same emulated board (../shared/tflite-reference/README.md). */
const TFLM_FIGURES = [
  { kernels: 'reference', flash: 55_416, ram: 3_808, stack: 948, instructions: 1_643_316 },
  { kernels: 'CMSIS-NN', flash: 72_088, ram: 4_640, stack: 1_436, instructions: 575_320 },
];

interface Target {
  label: string;
  limit: number;
  value: (result: McuResult) => number;
}

const LSTM_TUTORIAL_TARGETS: Target[] = [
  { label: 'flash', limit: 24 * 1024, value: (r) => r.flashBytes },
  { label: 'RAM + stack', limit: 4 * 1024, value: (r) => r.ramBytes + r.stackBytes },
];
const TFLITE_TARGETS: Target[] = [
  { label: 'flash', limit: 27 * 1024, value: (r) => r.flashBytes },
  { label: 'RAM + stack', limit: 2.4 * 1024, value: (r) => r.ramBytes + r.stackBytes },
  { label: 'instructions', limit: 580_000, value: (r) => r.instructionsPerInference },
];
const TARGETS: Record<string, Target[]> = {
  'lstm-tutorial int8': LSTM_TUTORIAL_TARGETS,
  'lstm-tutorial int8 DSP': LSTM_TUTORIAL_TARGETS,
  [`${TFLITE_MODEL} int8`]: TFLITE_TARGETS,
  [`${TFLITE_MODEL} int8 DSP`]: TFLITE_TARGETS,
};

interface Row {
  model: string;
  result?: McuResult;
  check: string;
  graph?: Graph;
  windows?: ArrayLike<number>[];
  defines?: string[];
}

/** The first `count` test windows in the graph input's dtype (quantized as TFLite's QUANTIZE does). */
function inputWindows(graph: Graph, test: WindowSet, count: number): ArrayLike<number>[] {
  const size = test.steps * test.channels;
  const quantization = graph.tensors[graph.inputs[0]].quantization;
  return Array.from({ length: Math.min(count, test.count) }, (_, w) => {
    const window = test.x.subarray(w * size, (w + 1) * size);
    if (quantization === undefined) return window;
    const params = { scale: quantization.scale[0], zeroPoint: quantization.zeroPoint[0] };
    return Int8Array.from(window, (value) => quantizeValue(value, params));
  });
}

function runtimeOutputs(graph: Graph, windows: ArrayLike<number>[]): ArrayLike<number>[] {
  const interpreter = new Interpreter(graph);
  return windows.map((window) => {
    interpreter.inputData().set(window);
    interpreter.invoke();
    return interpreter.outputData().slice();
  });
}

/** "bit-exact vs X" or the largest difference. */
function agreement(actual: ArrayLike<number>[], expected: ArrayLike<number>[], against: string): string {
  let worst = 0;
  expected.forEach((want, w) => {
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(actual[w][i] - want[i]));
  });
  return worst === 0 ? `bit-exact vs ${against}` : `max |diff| ${worst.toExponential(1)} vs ${against}`;
}

async function measure(
  graph: Graph,
  windows: ArrayLike<number>[],
  options: { defines: string[]; profile?: boolean },
): Promise<McuResult> {
  const io = graphIo(graph);
  const name = 'model';
  const library = { name, files: generateC(graph, { name }).files };
  return runOnCortexM4(library, { dtype: io.input.dtype, windows }, { output: io.output, ...options });
}

async function presetRows(count: number, folder: string): Promise<Row[]> {
  const prepared = await prepareData(
    dataSectionSchema.parse({
      file: join(folder, 'bearing.csv'),
      synthesize: { rows: 400, length: 64, seed: 42 },
      label: 'fault_label',
    }),
  );
  const rows: Row[] = [];
  for (const preset of PRESET_NAMES) {
    const trained = await trainModel(
      prepared,
      trainSectionSchema.parse({ preset, epochs: 1, checkpoint: false }),
    );
    const float = lowerModel(trained, `${preset} (1 epoch)`);
    let int8: Graph | undefined;
    const quantized = (): Graph => (int8 ??= postTrainingInt8(float, prepared.train, { io: 'int8' }));
    const variants: [string, () => Graph, string[]][] = [
      ['float', () => float, []],
      ['float single', () => float, [FLOAT_SINGLE_MACRO]],
      ['int8', quantized, []],
      ['int8 DSP', quantized, [DSP_MACRO]],
    ];
    for (const [variant, make, defines] of variants) {
      const model = `${preset} ${variant}`;
      try {
        const graph = make();
        const windows = inputWindows(graph, prepared.test, count);
        const result = await measure(graph, windows, { defines });
        const check = agreement(result.outputs, runtimeOutputs(graph, windows), 'runtime');
        rows.push({ model, result, check, graph, windows, defines });
      } catch (error) {
        rows.push({
          model,
          check: `not measured: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }
  return rows;
}

/** TensorFlow Lite Micro's cases for the model: int8 input and output bytes. */
function tfliteCases(): { input: Int8Array; expected: Int8Array }[] {
  const manifest = JSON.parse(readFileSync(join(REFERENCE_DIR, 'manifest.json'), 'utf8')) as {
    cases: { model: string; input: string; output: string }[];
  };
  return manifest.cases
    .filter((entry) => entry.model === TFLITE_MODEL)
    .map((entry) => ({
      input: new Int8Array(readFileSync(join(REFERENCE_DIR, entry.input))),
      expected: new Int8Array(readFileSync(join(REFERENCE_DIR, entry.output))),
    }));
}

async function tfliteRows(): Promise<Row[]> {
  const graph = await readTfliteFile(join(REFERENCE_DIR, TFLITE_MODEL));
  const cases = tfliteCases();
  const windows = cases.map((entry) => entry.input);
  const expected = cases.map((entry) => entry.expected);
  const rows: Row[] = [];
  for (const [variant, defines] of [
    ['int8', []],
    ['int8 DSP', [DSP_MACRO]],
  ] as const) {
    const result = await measure(graph, windows, { defines: [...defines] });
    const check = `${agreement(result.outputs, expected, 'TFLite Micro')} (${cases.length} cases)`;
    rows.push({ model: `${TFLITE_MODEL} ${variant}`, result, check, graph, windows, defines: [...defines] });
  }
  return rows;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
const latency = (instructions: number): string => `${((instructions / BOARD.hz) * 1e3).toFixed(3)} ms`;

function table(rows: Row[]): void {
  const header = [
    'model',
    'flash',
    'RAM',
    'stack',
    'RAM+stack',
    'instr/inference',
    `est. ${BOARD.name}`,
    'outputs',
  ];
  const lines = rows.map((row) => {
    const r = row.result;
    if (r === undefined) return [row.model, '', '', '', '', '', '', row.check];
    return [
      row.model,
      `${r.flashBytes} B`,
      `${r.ramBytes} B`,
      `${r.stackBytes} B`,
      kb(r.ramBytes + r.stackBytes),
      r.instructionsPerInference.toLocaleString('en-US'),
      latency(r.instructionsPerInference),
      row.check,
    ];
  });
  for (const figure of TFLM_FIGURES) {
    lines.push([
      `TFLite Micro ${figure.kernels} (README)`,
      `${figure.flash} B*`,
      `${figure.ram} B`,
      `${figure.stack} B`,
      kb(figure.ram + figure.stack),
      figure.instructions.toLocaleString('en-US'),
      latency(figure.instructions),
      TFLITE_MODEL,
    ]);
  }
  const widths = header.map((title, c) => Math.max(title.length, ...lines.map((line) => line[c].length)));
  for (const line of [header, ...lines])
    console.log(line.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  console.log('* TFLite Micro flash includes its 14 KB model and a test vector; ours includes the weights.');
}

/** What was subtracted and how the timer was read, from the measured runs themselves. */
function harnessNote(rows: Row[]): void {
  const measured = rows.filter((row) => row.result !== undefined);
  const ticks = new Set(measured.map((row) => row.result!.instructionsPerTick.toFixed(3)));
  console.log(
    `Timer0 calibration (two loop lengths 200,000 instructions apart): ${[...ticks].join(', ')} instructions a tick`,
  );
  for (const row of measured.slice(-1)) {
    const { baseline, image } = row.result!;
    const inputBytes = row.windows!.reduce(
      (sum, window) => sum + window.length * (window instanceof Int8Array ? 1 : 4),
      0,
    );
    console.log(
      `Harness baseline subtracted for ${row.model}: ${baseline.flashBytes} B flash (${inputBytes} B of it the ` +
        `${row.windows!.length} input windows), ${baseline.ramBytes} B RAM (output and report buffers); ` +
        `whole image ${image.flashBytes} B flash, ${image.ramBytes} B RAM`,
    );
  }
}

/** Which function costs what, for a model that missed a target. */
async function explainMiss(row: Row): Promise<void> {
  if (row.graph === undefined || row.windows === undefined) return;
  const profiled = await measure(row.graph, row.windows, { defines: row.defines ?? [], profile: true });
  console.log(`  instructions per function (own instructions, one inference, traced run):`);
  for (const cost of profiled.functions?.slice(0, 12) ?? []) {
    console.log(`    ${cost.name.padEnd(32)} ${cost.instructions.toLocaleString('en-US').padStart(10)}`);
  }
  console.log(`  largest symbols (nm --size-sort):`);
  for (const symbol of profiled.symbols.slice(0, 12)) {
    console.log(`    ${symbol.name.padEnd(32)} ${String(symbol.bytes).padStart(10)} B  ${symbol.memory}`);
  }
}

async function checkTargets(rows: Row[]): Promise<void> {
  console.log('\nTargets (issue 7):');
  for (const row of rows) {
    const targets = TARGETS[row.model];
    if (targets === undefined) continue;
    if (row.result === undefined) {
      console.log(`  ${row.model}: not measured`);
      continue;
    }
    let missed = false;
    for (const target of targets) {
      const value = target.value(row.result);
      const ok = value <= target.limit;
      missed ||= !ok;
      console.log(
        `  ${row.model} ${target.label}: ${Math.round(value)} <= ${Math.round(target.limit)} ${ok ? 'met' : 'MISSED'}`,
      );
    }
    if (missed) await explainMiss(row);
  }
}

const missing = await missingTools();
if (missing.length > 0) {
  const message = `bench:mcu needs ${missing.join(', ')} (apt-get install ${TOOLCHAIN_PACKAGES})`;
  if (process.env.CI !== undefined) {
    console.error(message);
    process.exit(1);
  }
  console.log(`skipped: ${message}`);
} else {
  const folder = await mkdtemp(join(tmpdir(), 'edgeforge-bench-mcu-'));
  try {
    const rows = [...(await presetRows(numberFlag('--windows', 8), folder)), ...(await tfliteRows())];
    console.log(
      `QEMU mps2-an386 (Cortex-M4F), arm-none-eabi-gcc -Os; instructions by -icount shift=0 and Timer0 (40 a tick);` +
        ` latency estimated as 1 instruction = 1 cycle at ${BOARD.name} (ignores flash wait states and multi-cycle instructions)\n`,
    );
    table(rows);
    harnessNote(rows);
    await checkTargets(rows);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
