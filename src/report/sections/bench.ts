/**
 * The variant × runner table in the tutorial's shape (platform, model state, latency,
 * memory, CPU usage, accuracy, energy), from <run>/bench/bench.json.
 */
import type { Advice, Runtime } from '../../advise/index.js';
import type { BenchCell, BenchResults, RunnerName } from '../../bench/results.js';
import { stageNotRun, type ReportSection } from '../document.js';
import { energy } from './advice.js';
import { bytes, count, MISSING, milliseconds, percent, plain } from '../format.js';

const ID = 'bench';
/** The advisor runtime whose estimates start from each runner's measurement. */
const RUNNER_RUNTIMES: Record<RunnerName, Runtime> = {
  edgeforge: 'edgeforge',
  onnxruntime: 'onnxruntime',
  litert: 'litert',
  'c-native': 'c',
  'c-cortex-m4': 'c',
};
const TITLE = 'Benchmark: variant × runner';

const RUNTIME_NAMES: Record<RunnerName, string> = {
  edgeforge: 'edgeforge runtime',
  onnxruntime: 'ONNX Runtime (onnxruntime-node)',
  litert: 'LiteRT.js',
  'c-native': 'generated C (gcc -O2)',
  'c-cortex-m4': 'generated C on Cortex-M4',
};

function platform(cell: BenchCell, host: BenchResults['host']): string {
  return cell.runner === 'c-cortex-m4'
    ? 'Cortex-M4 (QEMU mps2-an386, emulated)'
    : `${host.cpu} (${host.cores} cores, ${host.platform}, Node ${host.node})`;
}

function memory(cell: BenchCell): string {
  if (cell.mcu)
    return `flash ${bytes(cell.mcu.flashBytes)}, RAM ${bytes(cell.mcu.ramBytes)}, stack ${bytes(cell.mcu.stackBytes)}`;
  if (!cell.memory) return MISSING;
  const parts = [`model ${bytes(cell.memory.modelBytes)}`];
  if (cell.memory.arenaBytes !== undefined) parts.push(`arena ${bytes(cell.memory.arenaBytes)}`);
  if (cell.memory.rssGrowthBytes !== undefined) parts.push(`RSS +${bytes(cell.memory.rssGrowthBytes)}`);
  return parts.join(', ');
}

/**
 * Energy depends on the device, so bench does not measure it: the advisor's estimates for
 * this cell across the catalogue, lowest to highest.
 */
function energyRange(cell: BenchCell, advice: Advice[]): string {
  const estimates = advice.flatMap((a) =>
    a.options.flatMap((o) =>
      o.variant === cell.variant &&
      o.runner === cell.runner &&
      o.runtime === RUNNER_RUNTIMES[cell.runner] &&
      o.energyMicrojoules !== undefined
        ? [{ device: a.device.name, microjoules: o.energyMicrojoules }]
        : [],
    ),
  );
  if (estimates.length === 0) return MISSING;
  estimates.sort((a, b) => a.microjoules - b.microjoules);
  const show = (e: { device: string; microjoules: number }) => `${energy(e.microjoules)} (${e.device})`;
  const [low, high] = [estimates[0], estimates[estimates.length - 1]];
  return estimates.length === 1 ? show(low) : `${show(low)} to ${show(high)}`;
}

function status(cell: BenchCell): string {
  return cell.status === 'ok' ? 'ok' : `${cell.status}: ${cell.reason ?? 'no reason given'}`;
}

function verified(cell: BenchCell): string {
  if (!cell.verified) return MISSING;
  const { passed, maxAbsDiff, tolerance } = cell.verified;
  return `${passed ? 'passed' : 'FAILED'} (max |diff| ${plain(maxAbsDiff)}, allowed ${plain(tolerance)})`;
}

export function benchSection(
  bench: BenchResults | undefined,
  advice: Advice[] | undefined,
  file: string,
): ReportSection {
  if (!bench) return stageNotRun(ID, TITLE, file, 'bench');
  const ok = bench.cells.filter((cell) => cell.status === 'ok').length;
  return {
    id: ID,
    title: TITLE,
    ran: true,
    notes: [
      `${ok} of ${bench.cells.length} variant × runner cells measured on ${bench.host.cpu} (${bench.createdAt}). ` +
        'Latency is per window at batch 1, after warm-up; CPU usage is process CPU time over wall time during the timed runs; ' +
        'accuracy is on the test split through that runner.',
    ],
    tables: [
      {
        caption: 'Resource test report',
        columns: [
          'platform',
          'runtime',
          'model state',
          'avg latency',
          'p95 latency',
          'memory',
          'CPU usage',
          'accuracy',
          'energy estimate',
          'status',
        ],
        rows: bench.cells.map((cell) => [
          platform(cell, bench.host),
          RUNTIME_NAMES[cell.runner] ?? cell.runner,
          cell.variant,
          milliseconds(cell.latency?.mean),
          milliseconds(cell.latency?.p95),
          memory(cell),
          percent(cell.cpu?.utilization, 1),
          percent(cell.accuracy?.accuracy),
          advice ? energyRange(cell, advice) : MISSING,
          status(cell),
        ]),
      },
      {
        caption: 'Details per cell',
        columns: [
          'model state',
          'runtime',
          'runs',
          'p50',
          'p99',
          'batch',
          'throughput',
          'instructions / inference',
          'verified',
          'file',
        ],
        rows: bench.cells.map((cell) => [
          cell.variant,
          RUNTIME_NAMES[cell.runner] ?? cell.runner,
          cell.latency ? plain(cell.latency.runs) : MISSING,
          milliseconds(cell.latency?.p50),
          milliseconds(cell.latency?.p99),
          cell.batch ? `${cell.batch.size}: ${milliseconds(cell.batch.latency.mean)}` : MISSING,
          cell.batch ? `${count(cell.batch.throughputPerSecond)} windows/s` : MISSING,
          count(cell.mcu?.instructionsPerInference),
          verified(cell),
          cell.file ?? MISSING,
        ]),
      },
    ],
    charts: [],
  };
}
