/**
 * Builds a C library into a Cortex-M4F firmware image with our own startup, linker script
 * and a generated runner, runs it on QEMU mps2-an386 and measures it:
 * - flash (text + rodata + data) and static RAM (data + bss) of the library: the linked
 *   image minus a baseline image that holds the same harness, inputs and output buffer
 *   but no library (the library's share of libc/libm/libgcc counts as the library's);
 * - stack: the deepest any init/invoke call reached, by painting the free stack first;
 * - instructions per inference: Timer0 ticks (25 MHz under `-icount shift=0`, i.e. one tick
 *   per 40 instructions) times the instructions per tick calibrated in the same run with a
 *   loop of known length, to within one tick (40 instructions) per window.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdgeforgeError } from '../../errors.js';
import { DTYPES, type McuArray, type McuDtype } from './c-arrays.js';
import { runFirmware, type FirmwareReport } from './emulator.js';
import { HARNESS_HEADER, LINKER_SCRIPT, STARTUP_SOURCE } from './firmware-sources.js';
import { buildImage, imageSize, symbolSizes, type ImageSize, type SymbolSize } from './image.js';
import { PROFILE_INSTRUCTION_LIMIT, profileFunctions, type FunctionCost } from './profile.js';
import { checkDefines, checkLibraryFiles, checkOutputLength, checkWindows } from './inputs.js';
import { CALIBRATION_SPINS, runnerSource, SPIN_LOOP_INSTRUCTIONS, type McuBinding } from './runner-source.js';

export interface CLibrary {
  /** File name → contents: the library's .c and .h files (other files are ignored). */
  files: Record<string, string>;
  name: string;
}

export interface McuInputs {
  dtype: McuDtype;
  /** One array per inference, each the library's whole input. */
  windows: ArrayLike<number>[];
}

export interface McuOptions {
  output: { dtype: McuDtype; length: number };
  /** How to call the library; default `<name>_init(0);` and `<name>_invoke(input, output);` from `<name>.h` (generateC's API). */
  binding?: McuBinding;
  /** The .c files to compile; default every .c file except an example `main.c`. */
  sources?: string[];
  /** Preprocessor macros for the library, e.g. ["EDGEFORGE_USE_DSP"] or ["N=4"]. */
  defines?: string[];
  /** QEMU time limit; default 120 s. */
  timeoutMs?: number;
  /** Build in this folder and keep it (for inspection); default a temporary folder, removed afterwards. */
  folder?: string;
  /** Also count instructions per library function in the first window (a much slower traced run). */
  profile?: boolean;
}

export interface McuResult {
  /** The library's flash: image text + data minus the baseline's. */
  flashBytes: number;
  /** The library's static RAM: image data + bss minus the baseline's (stack not included). */
  ramBytes: number;
  /** Deepest stack any library call reached (init or invoke). */
  stackBytes: number;
  /** Mean over the windows, rounded. */
  instructionsPerInference: number;
  outputs: McuArray[];
  instructionsPerWindow: number[];
  initInstructions: number;
  /** From the calibration loop: 40 when QEMU's timer runs at 25 MHz with one instruction per ns. */
  instructionsPerTick: number;
  /** The whole linked image and the harness-only baseline that was subtracted. */
  image: ImageSize;
  baseline: ImageSize;
  /** Symbols the library added to the image, largest first. */
  symbols: SymbolSize[];
  /** With options.profile: each library function's own instructions in the first window, largest first. */
  functions?: FunctionCost[];
}

const defaultBinding = (name: string): McuBinding => ({
  header: `${name}.h`,
  init: `${name}_init(0);`,
  invoke: `${name}_invoke(input, output);`,
});

function instructionsPerTick(report: FirmwareReport, file: string): number {
  const [short, long] = report.calibration;
  const ticks = (long?.ticks ?? 0) - (short?.ticks ?? 0);
  if (ticks <= 0) {
    throw new EdgeforgeError('the Timer0 calibration counted no ticks', {
      file,
      fix: 'Run QEMU with -icount shift=0 on mps2-an386, whose Timer0 runs from the 25 MHz clock',
    });
  }
  return ((CALIBRATION_SPINS[1] - CALIBRATION_SPINS[0]) * SPIN_LOOP_INSTRUCTIONS) / ticks;
}

async function writeBuildFolder(
  folder: string,
  library: CLibrary,
  runners: Record<string, string>,
): Promise<void> {
  await mkdir(join(folder, 'lib'), { recursive: true });
  const harness = {
    'ef_harness.h': HARNESS_HEADER,
    'ef_startup.c': STARTUP_SOURCE,
    'link.ld': LINKER_SCRIPT,
  };
  await Promise.all([
    ...Object.entries({ ...harness, ...runners }).map(([file, text]) => writeFile(join(folder, file), text)),
    ...Object.entries(library.files).map(([file, text]) => writeFile(join(folder, 'lib', file), text)),
  ]);
}

const difference = (a: ImageSize, b: ImageSize, key: 'flashBytes' | 'ramBytes'): number => a[key] - b[key];

export async function runOnCortexM4(
  library: CLibrary,
  inputs: McuInputs,
  options: McuOptions,
): Promise<McuResult> {
  checkWindows(inputs.windows, inputs.dtype, library.name);
  checkOutputLength(options.output.length, library.name);
  checkDefines(options.defines ?? [], library.name);
  const sources =
    options.sources ?? Object.keys(library.files).filter((file) => file.endsWith('.c') && file !== 'main.c');
  checkLibraryFiles(library.files, sources, library.name);
  const folder = options.folder ?? (await mkdtemp(join(tmpdir(), 'edgeforge-mcu-')));
  try {
    const spec = {
      binding: options.binding ?? defaultBinding(library.name),
      inputDtype: inputs.dtype,
      windows: inputs.windows,
      outputDtype: options.output.dtype,
      outputLength: options.output.length,
    };
    await writeBuildFolder(folder, library, {
      'runner.c': runnerSource({ ...spec, baseline: false }),
      'baseline.c': runnerSource({ ...spec, baseline: true }),
      // the traced run is ~100x slower and logs every instruction: one window is enough
      ...(options.profile
        ? { 'profile.c': runnerSource({ ...spec, windows: [spec.windows[0]], baseline: false }) }
        : {}),
    });
    const lib = {
      folder: join(folder, 'lib'),
      sources: sources.map((file) => join(folder, 'lib', file)),
      defines: options.defines ?? [],
    };
    const [elf, baselineElf] = await Promise.all([
      buildImage({ folder, runner: 'runner.c', library: lib, output: 'library.elf' }, library.name),
      buildImage({ folder, runner: 'baseline.c', output: 'baseline.elf' }, library.name),
    ]);
    const timeoutMs = options.timeoutMs ?? 120_000;
    const report = await runFirmware(elf, timeoutMs);
    const [image, baseline, symbols, baselineSymbols] = await Promise.all([
      imageSize(elf),
      imageSize(baselineElf),
      symbolSizes(elf),
      symbolSizes(baselineElf),
    ]);
    const perTick = instructionsPerTick(report, library.name);
    const perWindow = report.windows.map((window) => Math.round(window.ticks * perTick));
    const harnessSymbols = new Set(baselineSymbols.map((symbol) => symbol.name));
    if (options.profile && perWindow[0] > PROFILE_INSTRUCTION_LIMIT) {
      throw new EdgeforgeError(`${perWindow[0]} instructions per inference are too many to trace`, {
        file: library.name,
        fix: `Profile models under ${PROFILE_INSTRUCTION_LIMIT} instructions, or run without profile`,
      });
    }
    const functions = options.profile
      ? await profileFunctions(
          await buildImage(
            { folder, runner: 'profile.c', library: lib, output: 'profile.elf' },
            library.name,
          ),
          { exclude: harnessSymbols, timeoutMs: 10 * timeoutMs },
        )
      : undefined;
    return {
      flashBytes: difference(image, baseline, 'flashBytes'),
      ramBytes: difference(image, baseline, 'ramBytes'),
      stackBytes: Math.max(report.init.stackBytes, ...report.windows.map((window) => window.stackBytes)),
      instructionsPerInference: Math.round(
        perWindow.reduce((sum, count) => sum + count, 0) / perWindow.length,
      ),
      outputs: report.windows.map((window) => DTYPES[options.output.dtype].fromBytes(window.output)),
      instructionsPerWindow: perWindow,
      initInstructions: Math.round(report.init.ticks * perTick),
      instructionsPerTick: perTick,
      image,
      baseline,
      symbols: symbols.filter((symbol) => !harnessSymbols.has(symbol.name)),
      ...(functions ? { functions } : {}),
    };
  } finally {
    if (options.folder === undefined) await rm(folder, { recursive: true, force: true });
  }
}
