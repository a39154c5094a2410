/** Cross-compiles the firmware for Cortex-M4F and measures the linked image. */
import { join } from 'node:path';
import { EdgeforgeError } from '../../errors.js';
import { mustRun, TOOLS } from './toolchain.js';

/** The code generation the issue asks for: Cortex-M4 with its single-precision FPU, optimised for size. */
export const CORTEX_M4_FLAGS = [
  '-mcpu=cortex-m4',
  '-mthumb',
  '-mfloat-abi=hard',
  '-mfpu=fpv4-sp-d16',
  '-Os',
  '-ffunction-sections',
  '-fdata-sections',
];

/** Link: our own startup and linker script (no crt0), unused sections dropped, newlib-nano and libm. */
const LINK_FLAGS = ['-nostartfiles', '-Wl,--gc-sections', '--specs=nano.specs'];

export interface ImageSources {
  /** Folder holding ef_harness.h, ef_startup.c, link.ld and the runner. */
  folder: string;
  runner: string;
  /** The library's .c files (absolute paths) and the folder of its headers; none for the baseline. */
  library?: { folder: string; sources: string[]; defines: string[] };
  output: string;
}

/** Builds one ELF; compiler errors come back as an EdgeforgeError naming the library. */
export async function buildImage(sources: ImageSources, libraryName: string): Promise<string> {
  const elf = join(sources.folder, sources.output);
  const includes = ['-I', sources.folder, ...(sources.library ? ['-I', sources.library.folder] : [])];
  await mustRun(
    TOOLS.gcc,
    [
      ...CORTEX_M4_FLAGS,
      '-std=c99',
      ...includes,
      ...(sources.library?.defines ?? []).map((define) => `-D${define}`),
      ...LINK_FLAGS,
      '-T',
      join(sources.folder, 'link.ld'),
      '-o',
      elf,
      join(sources.folder, 'ef_startup.c'),
      join(sources.folder, sources.runner),
      ...(sources.library?.sources ?? []),
      '-lm',
    ],
    { what: `Cross-compiling ${libraryName} for Cortex-M4`, file: libraryName },
  );
  return elf;
}

/** Berkeley sizes: text (code, constants, vectors), data (initialised RAM, its image in flash), bss. */
export interface ImageSize {
  text: number;
  data: number;
  bss: number;
  /** text + data: what the image occupies in flash. */
  flashBytes: number;
  /** data + bss: static RAM, without the stack. */
  ramBytes: number;
}

export async function imageSize(elf: string): Promise<ImageSize> {
  const out = await mustRun(TOOLS.size, ['-B', '-d', elf], { what: 'Reading the image size', file: elf });
  const row = out.trim().split('\n')[1]?.trim().split(/\s+/).map(Number);
  if (row === undefined || row.length < 3 || row.slice(0, 3).some((value) => !Number.isInteger(value))) {
    throw new EdgeforgeError(`unexpected ${TOOLS.size} output: ${out.trim()}`, { file: elf });
  }
  const [text, data, bss] = row;
  return { text, data, bss, flashBytes: text + data, ramBytes: data + bss };
}

/** One symbol of the linked image and where it lives. */
export interface SymbolSize {
  name: string;
  bytes: number;
  /** code / constants in flash, initialised data (flash and RAM), zeroed data (RAM). */
  memory: 'flash' | 'flash+ram' | 'ram';
}

const MEMORY_OF_TYPE: Record<string, SymbolSize['memory']> = {
  t: 'flash',
  r: 'flash',
  d: 'flash+ram',
  b: 'ram',
};

/** Every sized symbol, largest first (nm --size-sort): where the bytes of a library go. */
export async function symbolSizes(elf: string): Promise<SymbolSize[]> {
  const out = await mustRun(TOOLS.nm, ['--size-sort', '--reverse-sort', '-S', '-t', 'd', elf], {
    what: 'Listing the image symbols',
    file: elf,
  });
  const symbols: SymbolSize[] = [];
  for (const line of out.split('\n')) {
    const [, size, type, name] = line.trim().split(/\s+/);
    const memory = MEMORY_OF_TYPE[type?.toLowerCase() ?? ''];
    if (memory !== undefined && name !== undefined) symbols.push({ name, bytes: Number(size), memory });
  }
  return symbols;
}
