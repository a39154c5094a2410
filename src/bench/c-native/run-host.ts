/**
 * Runs a generated C library natively: compiles it with the timing harness, feeds it float
 * windows (quantized for an int8 input as the runtime does) and reads every window's outputs
 * back as real values, with the harness's timing report. Used by the c-native bench runner and
 * by the C export's verification.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Graph } from '../../graph/types.js';
import { decodeOutput, encodeInput, outputDef } from '../io-codec.js';
import { failed, runTool } from '../mcu/toolchain.js';
import { buildHostProgram, type HostBuild } from './build.js';
import { harnessSource } from './harness.js';

export interface HostRunOptions {
  graph: Graph;
  /** The library's files and name, as generateC returns and takes them. */
  files: Record<string, string>;
  name: string;
  folder: string;
  windows: Float32Array;
  count: number;
  /** Timed calls after the outputs are written; all 0 or 1 for a plain correctness run. */
  timing?: { runs: number; batch: number; batchRuns: number; warmup: number };
}

export interface HostRun {
  build: HostBuild;
  outputs: Float32Array;
  /** The harness's report lines by label (single, batch, cpu, rss), numbers after the label. */
  report: Map<string, number[]>;
}

function parseReport(stdout: string): Map<string, number[]> {
  return new Map(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([label, ...numbers]) => [label!, numbers.map(Number)]),
  );
}

export async function runLibraryOnHost(options: HostRunOptions): Promise<HostRun> {
  const { graph, folder, name, count } = options;
  const timing = options.timing ?? { runs: 1, batch: 1, batchRuns: 1, warmup: 0 };
  const build = await buildHostProgram({ folder, library: options.files, name, driver: harnessSource(name) });
  const input = encodeInput(graph, options.windows);
  await writeFile(
    join(folder, 'inputs.bin'),
    new Uint8Array(input.buffer, input.byteOffset, input.byteLength),
  );
  const args = [
    'inputs.bin',
    'outputs.bin',
    count,
    timing.runs,
    timing.batch,
    timing.batchRuns,
    timing.warmup,
  ];
  const result = await runTool(build.executable, args.map(String), { cwd: folder, timeoutMs: 600_000 });
  if (failed(result))
    throw new Error(`the compiled C library failed (${result.status}): ${result.stderr.trim()}`);
  const raw = await readFile(join(folder, 'outputs.bin'));
  const values =
    outputDef(graph).dtype === 'int8'
      ? new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength)
      : new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  return { build, outputs: decodeOutput(graph, values), report: parseReport(result.stdout) };
}
