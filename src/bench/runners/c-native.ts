/**
 * The generated C library compiled natively (gcc -O2) and timed by its own harness: the C
 * library is batch 1, so a batch is that many calls in a row.
 */
import { join } from 'node:path';
import { generateC } from '../../export/c/index.js';
import { hostCompilerMissing } from '../c-native/build.js';
import { runLibraryOnHost } from '../c-native/run-host.js';
import { latencyStats } from '../stats.js';
import { refusedAsUnsupported, UnsupportedVariant, type Runner } from './context.js';

/** A C identifier for the variant's library. */
export const libraryName = (variant: string): string => `model_${variant.replace(/[^A-Za-z0-9_]/g, '_')}`;

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
  context.progress('compiling and timing C');
  const { build, outputs, report } = await runLibraryOnHost({
    graph,
    files: generated.files,
    name,
    folder,
    windows: job.test.x,
    count: job.test.count,
    timing: { runs: job.runs, batch: job.batch, batchRuns: job.batchRuns, warmup: job.warmup },
  });
  const [cpuNs, wallNs] = line(report, 'cpu');
  const [rssBefore, rssAfter] = line(report, 'rss');
  const batchLatency = latencyStats(toMilliseconds(line(report, 'batch')));
  return {
    file: variant.exports.c ?? `generated C ${name}.c (gcc -O2, this host)`,
    outputs,
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
