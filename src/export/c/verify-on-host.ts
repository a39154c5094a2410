/** Checks a written C library folder: compiled with the host gcc, run on windows, compared with the runtime. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLibraryOnHost } from '../../bench/c-native/run-host.js';
import type { Graph } from '../../graph/types.js';
import { FloatRunner } from '../../runtime/float-runner.js';
import { FLOAT_TOLERANCE, isIntegerGraph, maxAbsDifference, type Verification } from '../verification.js';

/** The library's own sources (not the example main.c), by file name. */
async function librarySources(folder: string): Promise<{ name: string; files: Record<string, string> }> {
  const names = (await readdir(folder)).filter((file) => /\.[ch]$/.test(file) && file !== 'main.c');
  const files = Object.fromEntries(
    await Promise.all(names.map(async (file) => [file, await readFile(join(folder, file), 'utf8')] as const)),
  );
  const header = names.find((file) => file.endsWith('.h'));
  if (header === undefined) throw new Error(`no header in the C library folder ${folder}`);
  return { name: header.slice(0, -2), files };
}

export async function verifyCLibrary(
  graph: Graph,
  libraryFolder: string,
  windows: Float32Array,
  count: number,
): Promise<Verification> {
  const work = await mkdtemp(join(tmpdir(), 'edgeforge-c-verify-'));
  try {
    const { name, files } = await librarySources(libraryFolder);
    const run = await runLibraryOnHost({ graph, files, name, folder: work, windows, count });
    const expected = new FloatRunner(graph, { batch: count });
    expected.input.set(windows);
    const maxAbsDiff = maxAbsDifference(expected.run(), run.outputs);
    const tolerance = isIntegerGraph(graph) ? 0 : FLOAT_TOLERANCE;
    return {
      runtime: 'the library compiled with gcc -O2 on this host',
      windows: count,
      maxAbsDiff,
      tolerance,
      passed: maxAbsDiff <= tolerance,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
