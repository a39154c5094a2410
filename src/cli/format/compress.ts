import type { VariantReport } from '../../compress/index.js';
import { textTable } from './table.js';

/** One row per variant: accuracy, Δ vs float, bytes, arena, MACs, latency and where it runs. */
export function formatCompressTable(variants: VariantReport[]): string {
  const rows = variants.map((variant) => [
    variant.name,
    variant.evaluation.accuracy,
    variant.evaluation.f1,
    `${variant.deltaPoints >= 0 ? '+' : ''}${variant.deltaPoints.toFixed(2)}`,
    variant.weightBytes,
    variant.arenaBytes,
    variant.macs,
    variant.latencyMs,
    variant.targets
      .filter((support) => support.ok)
      .map((support) => support.target)
      .join(' '),
  ]);
  return textTable(
    [
      'variant',
      'accuracy',
      'F1',
      'Δ vs float (pts)',
      'weight bytes',
      'arena bytes',
      'MACs',
      'latency ms',
      'targets',
    ],
    rows,
  );
}
