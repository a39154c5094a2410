/** Compression variants: accuracy and cost of each, from <run>/compress/compress.json. */
import type { CompressReport, VariantReport } from '../../compress/report.js';
import { stageNotRun, type ReportSection, type ReportTable } from '../document.js';
import { bytes, count, MISSING, milliseconds, percent, score } from '../format.js';

const ID = 'compression';
const TITLE = 'Compression variants';

/** Which runtimes can run each variant, and why not where they cannot. */
function targetsTable(variants: VariantReport[]): ReportTable[] {
  // compress.json files written before deploy targets were recorded have none.
  const recorded = variants.filter((v) => Array.isArray(v.targets) && v.targets.length > 0);
  if (recorded.length === 0) return [];
  const targets = [...new Set(recorded.flatMap((v) => v.targets.map((support) => support.target)))];
  return [
    {
      caption: 'Deploy targets',
      columns: ['variant', ...targets],
      rows: recorded.map((v) => [
        v.name,
        ...targets.map((target) => {
          const support = v.targets.find((candidate) => candidate.target === target);
          if (!support) return MISSING;
          return support.ok ? 'yes' : `no: ${support.reason ?? 'not supported'}`;
        }),
      ]),
    },
  ];
}

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
      ...targetsTable(compress.variants),
    ],
    charts: [],
  };
}
