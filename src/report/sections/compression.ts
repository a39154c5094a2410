/** Compression variants: accuracy and cost of each, from <run>/compress/compress.json. */
import type { CompressReport } from '../../compress/report.js';
import { stageNotRun, type ReportSection } from '../document.js';
import { bytes, count, milliseconds, percent, score } from '../format.js';

const ID = 'compression';
const TITLE = 'Compression variants';

function signedPoints(points: number): string {
  return `${points >= 0 ? '+' : ''}${points.toFixed(2)} pts`;
}

export function compressionSection(compress: CompressReport | undefined, file: string): ReportSection {
  if (!compress) return stageNotRun(ID, TITLE, file, 'compress');
  const { splits, reference } = compress;
  return {
    id: ID,
    title: TITLE,
    ran: true,
    notes: [
      `Scored on the ${splits.test} test windows the model never saw, in the edgeforge runtime; ` +
        `the float reference reaches ${percent(reference.accuracy)} with ${bytes(reference.weightBytes)} of weights.`,
    ],
    tables: [
      {
        caption: 'Variants',
        columns: [
          'variant',
          'kind',
          'accuracy',
          'F1',
          'AUC',
          'Δ vs float',
          'weights',
          'ratio',
          'arena',
          'MACs',
          'latency',
        ],
        rows: compress.variants.map((v) => [
          v.name,
          v.kind,
          percent(v.evaluation.accuracy),
          score(v.evaluation.f1),
          score(v.evaluation.auc),
          signedPoints(v.deltaPoints),
          bytes(v.weightBytes),
          `${v.weightRatio.toFixed(3)}×`,
          bytes(v.arenaBytes),
          count(v.macs),
          milliseconds(v.latencyMs),
        ]),
      },
    ],
    charts: [],
  };
}
