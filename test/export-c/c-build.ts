/**
 * Test support: writes a generated library to a temp folder, compiles its example driver with
 * the host gcc under the strictest flags, and runs windows through it (numbers on stdin, one
 * line of outputs per window on stdout).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Graph, Preprocessing } from '../../src/graph/types.js';
import { generateC, type GeneratedC } from '../../src/export/c/index.js';

export const STRICT_FLAGS = ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic'];

export interface BuiltLibrary {
  generated: GeneratedC;
  folder: string;
  run(mode: string, windows: ArrayLike<number>[]): number[][];
  remove(): void;
}

export interface BuildOptions {
  /** Extra gcc flags; the optimisation level defaults to -O1 (fast to build; -O2 adds strict aliasing). */
  flags?: string[];
  preprocessing?: Preprocessing;
}

export function buildLibrary(graph: Graph, name: string, options: BuildOptions = {}): BuiltLibrary {
  const generated = generateC(graph, { name, preprocessing: options.preprocessing });
  const folder = mkdtempSync(join(tmpdir(), 'edgeforge-c-'));
  for (const [file, text] of Object.entries(generated.files)) writeFileSync(join(folder, file), text);
  const exe = join(folder, 'example');
  execFileSync(
    'gcc',
    [...STRICT_FLAGS, '-O1', ...(options.flags ?? []), '-o', exe, 'main.c', `${name}.c`, '-lm'],
    {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return {
    generated,
    folder,
    run(mode, windows) {
      const input = windows.map((window) => Array.from(window, formatNumber).join(' ')).join('\n');
      const output = execFileSync(exe, [mode], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
      return output
        .trim()
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => line.split(' ').map(Number));
    },
    remove() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Integers as they are; floats with 9 significant digits, which read back as the same float32. */
function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : Math.fround(value).toPrecision(9);
}
