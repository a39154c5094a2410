/**
 * BenchResults as text tables in the tutorial's resource-report shape: per platform (runner)
 * and model state (variant), latency, throughput, memory, CPU usage and accuracy; the emulated
 * Cortex-M4's footprint; then every cell that did not run, with why.
 */
import { textTable } from '../cli/format/table.js';
import type { BenchCell, BenchResults } from './results.js';

const DASH = '-';

const milliseconds = (value: number | undefined): string => (value === undefined ? DASH : value.toFixed(3));

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return DASH;
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const percent = (value: number | undefined): string =>
  value === undefined ? DASH : `${(100 * value).toFixed(0)}%`;

function verification(cell: BenchCell): string {
  if (!cell.verified) return DASH;
  const { passed, maxAbsDiff } = cell.verified;
  return `${passed ? 'ok' : 'DIFFERS'} (${maxAbsDiff.toPrecision(2)})`;
}

function timedTable(cells: BenchCell[]): string {
  const batchSize = cells.find((cell) => cell.batch)?.batch?.size;
  const rows = cells.map((cell) => [
    cell.runner,
    cell.variant,
    milliseconds(cell.latency?.mean),
    milliseconds(cell.latency?.p50),
    milliseconds(cell.latency?.p95),
    milliseconds(cell.latency?.p99),
    cell.batch ? cell.batch.throughputPerSecond.toFixed(0) : DASH,
    formatBytes(cell.memory?.modelBytes),
    formatBytes(cell.memory?.arenaBytes),
    formatBytes(cell.memory?.rssGrowthBytes),
    percent(cell.cpu?.utilization),
    cell.accuracy ? cell.accuracy.accuracy.toFixed(4) : DASH,
    cell.accuracy ? cell.accuracy.f1.toFixed(4) : DASH,
    verification(cell),
  ]);
  const header = [
    'platform',
    'model state',
    'mean ms',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    `batch ${batchSize ?? ''} /s`.replace('  ', ' '),
    'model',
    'arena',
    'RSS growth',
    'CPU',
    'accuracy',
    'F1',
    'vs edgeforge',
  ];
  return textTable(header, rows);
}

function mcuTable(cells: BenchCell[]): string {
  const rows = cells.map((cell) => [
    cell.variant,
    formatBytes(cell.mcu!.flashBytes),
    formatBytes(cell.mcu!.ramBytes),
    formatBytes(cell.mcu!.stackBytes),
    String(cell.mcu!.instructionsPerInference),
    verification(cell),
  ]);
  return textTable(['model state', 'flash', 'static RAM', 'stack', 'instructions', 'vs edgeforge'], rows);
}

export function benchTable(results: BenchResults): string {
  const ok = results.cells.filter((cell) => cell.status === 'ok');
  const parts = [
    `host: ${results.host.cpu}, ${results.host.cores} cores, Node ${results.host.node}, ${results.host.platform}`,
  ];
  const timed = ok.filter((cell) => cell.latency);
  if (timed.length > 0) parts.push(timedTable(timed));
  const mcu = ok.filter((cell) => cell.mcu);
  if (mcu.length > 0) parts.push(`emulated Cortex-M4 (QEMU; no wall-clock latency):\n${mcuTable(mcu)}`);
  const skipped = results.cells.filter((cell) => cell.status !== 'ok');
  if (skipped.length > 0) {
    parts.push(
      skipped
        .map((cell) => `${cell.runner} ${cell.variant}: ${cell.status}: ${cell.reason ?? ''}`)
        .join('\n'),
    );
  }
  return parts.join('\n\n');
}
