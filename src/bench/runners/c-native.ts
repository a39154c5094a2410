/**
 * The generated C library compiled natively (gcc -O2) and timed by its own harness: the C
 * library is batch 1, so a batch is that many calls in a row.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateC } from '../../export/c/index.js';
import { failed, runTool } from '../mcu/toolchain.js';
import { buildHostProgram, hostCompilerMissing } from '../c-native/build.js';
import { harnessSource } from '../c-native/harness.js';
import { decodeOutput, encodeInput, outputDef } from '../io-codec.js';
import { latencyStats } from '../stats.js';
import { refusedAsUnsupported, UnsupportedVariant, type Runner } from './context.js';

/** A C identifier for the variant's library. */
export const libraryName = (variant: string): string => `model_${variant.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** The harness's report lines by label, numbers after the label. */
function parseReport(stdout: string): Map<string, number[]> {
  return new Map(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([label, ...numbers]) => [label!, numbers.map(Number)]),
  );
}

function line(report: Map<string, number[]>, label: string): number[] {
  const numbers = report.get(label);
  if (!numbers) throw new Error(`the C timing harness printed no '${label}' line`);
  return numbers;
}

const toMilliseconds = (nanoseconds: number[]): number[] => nanoseconds.map((ns) => ns / 1e6);

export const cNativeRunner: Runner = async (context) => {
  const missing = await hostCompilerMissing();
  if (missing) throw new UnsupportedVariant(missing);
  const { graph, job, variant } = context;
  const name = libraryName(variant.name);
  const generated = await refusedAsUnsupported(() => generateC(graph, { name }));
  const folder = join(job.workDir, `c-native-${variant.name}`);
  context.progress('compiling C');
  const build = await buildHostProgram({
    folder,
    library: generated.files,
    name,
    driver: harnessSource(name),
  });
  const input = encodeInput(graph, job.test.x);
  await writeFile(
    join(folder, 'inputs.bin'),
    new Uint8Array(input.buffer, input.byteOffset, input.byteLength),
  );
  context.progress('timing');
  const args = ['inputs.bin', 'outputs.bin', job.test.count, job.runs, job.batch, job.batchRuns, job.warmup];
  const result = await runTool(build.executable, args.map(String), { cwd: folder, timeoutMs: 600_000 });
  if (failed(result))
    throw new Error(`the C timing harness failed (${result.status}): ${result.stderr.trim()}`);
  const report = parseReport(result.stdout);
  const raw = await readFile(join(folder, 'outputs.bin'));
  const values =
    outputDef(graph).dtype === 'int8'
      ? new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength)
      : new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const [cpuNs, wallNs] = line(report, 'cpu');
  const [rssBefore, rssAfter] = line(report, 'rss');
  const batchLatency = latencyStats(toMilliseconds(line(report, 'batch')));
  return {
    file: variant.exports.c ?? `generated C ${name}.c (gcc -O2, this host)`,
    outputs: decodeOutput(graph, values),
    windows: job.test.count,
    latency: latencyStats(toMilliseconds(line(report, 'single'))),
    batch: {
      size: job.batch,
      latency: batchLatency,
      throughputPerSecond: (1000 * job.batch) / batchLatency.mean,
    },
    memory: {
      modelBytes: build.libraryBytes,
      arenaBytes: generated.arenaBytes,
      ...(rssBefore! >= 0 && { rssGrowthBytes: Math.max(0, rssAfter! - rssBefore!) }),
    },
    cpu: { utilization: cpuNs! / wallNs! },
  };
};
