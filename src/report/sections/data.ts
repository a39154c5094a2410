/** Data summary: what was read, kept and split, from <run>/data/summary.json. */
import type { DataSummary } from '../../data/prepare.js';
import { stageNotRun, type ReportSection } from '../document.js';
import { count, plain } from '../format.js';

const ID = 'data';
const TITLE = 'Data summary';

export function dataSection(summary: DataSummary | undefined, file: string): ReportSection {
  if (!summary) return stageNotRun(ID, TITLE, file, 'data');
  const { ingest, split } = summary;
  const facts: [string, string][] = [
    ['file', `${ingest.file} (${ingest.format}, ${ingest.layout} layout)`],
    [
      'rows',
      `${count(ingest.rowsRead)} read, ${count(ingest.rowsKept)} kept, ${count(ingest.rowsDropped)} dropped`,
    ],
    ['window', `${summary.steps} steps × ${summary.channels} channel(s)`],
    ['label', ingest.labelColumn],
    ['features', ingest.featureColumns.join(', ')],
    [
      'split',
      `${split.method}: train ${split.sizes.train}, validation ${split.sizes.validation}, test ${split.sizes.test}`,
    ],
    ['scaling', `${summary.scale.method} per ${summary.scale.per}, fitted on the training split`],
  ];
  if (ingest.windows) {
    const w = ingest.windows;
    facts.push([
      'windowing',
      `${w.count} windows of ${w.length}, stride ${w.stride}, from ${w.recordings} recording(s)`,
    ]);
  }
  if (summary.augment) facts.push(['augmentation', `+${summary.augment.added} training windows`]);
  for (const [reason, rows] of Object.entries(ingest.dropReasons))
    facts.push(['dropped', `${rows}: ${reason}`]);
  return {
    id: ID,
    title: TITLE,
    ran: true,
    notes: [],
    tables: [
      { caption: 'Input', columns: ['item', 'value'], rows: facts.map(([item, value]) => [item, value]) },
      {
        caption: 'Windows per class and split',
        columns: ['class', 'train', 'validation', 'test'],
        rows: summary.classes.map((name, id) => [
          name,
          plain(split.classCounts.train[id] ?? 0),
          plain(split.classCounts.validation[id] ?? 0),
          plain(split.classCounts.test[id] ?? 0),
        ]),
      },
    ],
    charts: [],
  };
}
