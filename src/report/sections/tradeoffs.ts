/**
 * Accuracy against size and against latency, the Pareto front marked: the variants (and,
 * with bench results, the variant × runner pairs) worth choosing between.
 */
import type { BenchResults } from '../../bench/results.js';
import type { VariantReport } from '../../compress/report.js';
import { tradeoffChart } from '../charts.js';
import { stageNotRun, type ReportChart, type ReportSection, type ReportTable } from '../document.js';
import { bytes, milliseconds } from '../format.js';
import { paretoFront } from '../pareto.js';

const ID = 'tradeoffs';
const TITLE = 'Accuracy vs size and latency';

interface Candidate {
  label: string;
  x: number;
  /** Test accuracy in percent. */
  y: number;
}

/** One cost axis: its chart, its points as a table, and a sentence naming the front. */
interface TradeoffView {
  chart: ReportChart;
  table: ReportTable;
  note: string;
}

function tradeoffView(
  axis: { id: string; title: string; xTitle: string; cost: string; source: string },
  candidates: Candidate[],
  formatCost: (x: number) => string,
): TradeoffView {
  const front = paretoFront(candidates);
  const points = candidates.map((candidate, i) => ({ ...candidate, front: front[i] }));
  return {
    chart: tradeoffChart(axis.id, axis.title, points, { x: axis.xTitle, y: 'test accuracy (%)' }),
    table: {
      caption: axis.title,
      columns: ['candidate', axis.cost, 'test accuracy', 'on the Pareto front'],
      rows: points.map((p) => [p.label, formatCost(p.x), `${p.y.toFixed(2)} %`, p.front ? 'yes' : 'no']),
    },
    note: `Pareto front by ${axis.cost} (${axis.source}): ${points
      .filter((p) => p.front)
      .map((p) => p.label)
      .join(', ')}.`,
  };
}

/** Measured runner latencies when bench ran (each runner scored itself), else the compress stage's. */
function latencyCandidates(variants: VariantReport[], bench: BenchResults | undefined): Candidate[] {
  if (bench) {
    return bench.cells.flatMap((cell) =>
      cell.status === 'ok' && cell.latency && cell.accuracy
        ? [
            {
              label: `${cell.variant} · ${cell.runner}`,
              x: cell.latency.mean,
              y: cell.accuracy.accuracy * 100,
            },
          ]
        : [],
    );
  }
  return variants.map((v) => ({ label: v.name, x: v.latencyMs, y: v.evaluation.accuracy * 100 }));
}

export function tradeoffSection(
  variants: VariantReport[] | undefined,
  bench: BenchResults | undefined,
  file: string,
): ReportSection {
  if (!variants || variants.length === 0) return stageNotRun(ID, TITLE, file, 'compress');
  const views = [
    tradeoffView(
      {
        id: 'accuracy-vs-size',
        title: 'Accuracy vs weight size',
        xTitle: 'weights (KiB)',
        cost: 'weight size',
        source: 'compress stage',
      },
      variants.map((v) => ({ label: v.name, x: v.weightBytes / 1024, y: v.evaluation.accuracy * 100 })),
      (kib) => bytes(Math.round(kib * 1024)),
    ),
  ];
  const latencies = latencyCandidates(variants, bench);
  if (latencies.length > 0)
    views.push(
      tradeoffView(
        {
          id: 'accuracy-vs-latency',
          title: 'Accuracy vs latency (batch 1)',
          xTitle: 'mean latency (ms)',
          cost: 'latency',
          source: bench ? 'measured per runner by bench' : 'edgeforge runtime, compress stage',
        },
        latencies,
        milliseconds,
      ),
    );
  return {
    id: ID,
    title: TITLE,
    ran: true,
    notes: [
      ...views.map((view) => view.note),
      'A candidate is on the front when no other is both at least as small (or fast) and at least as accurate.',
    ],
    tables: views.map((view) => view.table),
    charts: views.map((view) => view.chart),
  };
}
