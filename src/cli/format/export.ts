import type { ExportResult } from '../../export/export-model.js';
import type { ExportRecord } from '../../pipeline/export-stage.js';
import { textTable } from './table.js';

export function formatExport(result: ExportResult): string {
  const { verification: v } = result;
  return [
    `wrote ${result.path} (${result.format}, ${result.int8 ? 'int8' : 'float32'}, ${result.bytes} bytes; arena ${result.arenaBytes} bytes)`,
    `verified with ${v.runtime} on ${v.windows} windows: max |difference| ${v.maxAbsDiff} (allowed ${v.tolerance})`,
    ...result.warnings.map((warning) => `warning: ${warning}`),
  ].join('\n');
}

/** One row per variant × format: the file and its check, or why it was not written. */
export function formatExportRecords(records: ExportRecord[]): string {
  const rows = records.map((record) => {
    const result = record.result;
    const check = result
      ? `${result.verification.runtime}: max |diff| ${result.verification.maxAbsDiff}`
      : (record.reason ?? '');
    return [record.variant, record.format, record.status, result?.bytes ?? '', result?.path ?? '', check];
  });
  return textTable(['variant', 'format', 'status', 'bytes', 'file', 'verified with / reason'], rows);
}
