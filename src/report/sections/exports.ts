/** Every exported file with how it was verified, from <run>/export/export.json. */
import type { ExportRecord } from '../../pipeline/export-stage.js';
import { stageNotRun, type ReportSection } from '../document.js';
import { bytes, MISSING, plain } from '../format.js';

const ID = 'exports';
const TITLE = 'Exports';

/** "passed in onnxruntime-node: max |diff| 0 ≤ 0 on 64 windows", or why there is no file. */
function verificationText(record: ExportRecord): string {
  const check = record.result?.verification;
  if (!check) return record.reason ?? MISSING;
  return (
    `${check.passed ? 'passed' : 'FAILED'} in ${check.runtime}: max |diff| ${plain(check.maxAbsDiff)} ` +
    `(allowed ${plain(check.tolerance)}) on ${check.windows} windows`
  );
}

export function exportsSection(exports: ExportRecord[] | undefined, file: string): ReportSection {
  if (!exports) return stageNotRun(ID, TITLE, file, 'export');
  const verified = exports.filter((record) => record.status === 'ok').length;
  return {
    id: ID,
    title: TITLE,
    ran: true,
    notes: [
      `${verified} of ${exports.length} export(s) written and verified; each file was run in its own runtime ` +
        'and compared with the edgeforge runtime before it was kept.',
    ],
    tables: [
      {
        caption: 'Exported files',
        columns: ['variant', 'format', 'status', 'file', 'size', 'arena', 'verification'],
        rows: exports.map((record) => [
          record.variant,
          record.format,
          record.status,
          record.result?.path ?? MISSING,
          bytes(record.result?.bytes),
          bytes(record.result?.arenaBytes),
          verificationText(record),
        ]),
      },
    ],
    charts: [],
  };
}
