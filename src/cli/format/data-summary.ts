import type { DataSummary } from '../../data/prepare.js';
import { textTable } from './table.js';

/** The human view of `edgeforge data inspect`: what was read, dropped, split and scaled. */
export function formatDataSummary(summary: DataSummary): string {
  const { ingest, split } = summary;
  const lines: string[] = [];
  const dialect =
    ingest.format === 'csv'
      ? ` (delimiter ${JSON.stringify(ingest.delimiter)}, decimal ${JSON.stringify(ingest.decimal)})`
      : '';
  lines.push(`${ingest.file}: ${ingest.format}${dialect}, ${ingest.layout} layout`);
  lines.push(`rows: ${ingest.rowsRead} read, ${ingest.rowsKept} kept, ${ingest.rowsDropped} dropped`);
  for (const [reason, count] of Object.entries(ingest.dropReasons))
    lines.push(`  dropped ${count}: ${reason}`);
  if (ingest.cellsFilled) lines.push(`  cells filled: ${ingest.cellsFilled}`);
  if (ingest.cellsInterpolated) lines.push(`  cells interpolated: ${ingest.cellsInterpolated}`);
  if (ingest.windows) {
    const w = ingest.windows;
    lines.push(
      `windows: ${w.count} of ${w.length} steps, stride ${w.stride}, label rule ${w.labelRule}, from ${w.recordings} recording(s)`,
    );
  }
  lines.push(
    `samples: ${summary.steps} steps x ${summary.channels} channel(s); label ${ingest.labelColumn}; classes ${summary.classes.join(', ')}`,
  );
  for (const column of ingest.ignoredColumns) lines.push(`  left out ${column.name}: ${column.reason}`);
  if (ingest.constantColumns.length) lines.push(`  constant columns: ${ingest.constantColumns.join(', ')}`);
  for (const [a, b] of ingest.duplicatedColumns) lines.push(`  duplicated columns: ${a} = ${b}`);
  lines.push('', `split (${split.method}):`);
  lines.push(
    textTable(
      ['class', 'train', 'validation', 'test'],
      summary.classes.map((name, id) => [
        name,
        split.classCounts.train[id] ?? 0,
        split.classCounts.validation[id] ?? 0,
        split.classCounts.test[id] ?? 0,
      ]),
    ),
  );
  lines.push(
    `scaling: ${summary.scale.method} per ${summary.scale.per}, fitted on the ${split.sizes.train} training samples`,
  );
  if (summary.augment)
    lines.push(
      `augmentation: +${summary.augment.added} training samples (train now ${summary.augment.trainSize})`,
    );
  const stats = ingest.featureStats;
  const shown = stats.length > 12 ? [...stats.slice(0, 6), ...stats.slice(-6)] : stats;
  lines.push(
    '',
    `feature statistics (${stats.length}${shown.length < stats.length ? ', first and last 6 shown' : ''}):`,
  );
  lines.push(
    textTable(
      ['feature', 'count', 'mean', 'std', 'min', 'max'],
      shown.map((s) => [s.name, s.count, s.mean, s.std, s.min, s.max]),
    ),
  );
  return lines.join('\n');
}
