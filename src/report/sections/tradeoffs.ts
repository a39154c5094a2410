/**
 * Accuracy against size and against latency, the Pareto front marked: the variants (and,
 * with bench results, the variant × runner pairs) worth choosing between.
 */
import type { BenchResults } from '../../bench/results.js';
import type { VariantReport } from '../../compress/report.js';
import { tradeoffChart } from '../charts.js';
import { stageNotRun, type ReportChart, type ReportSection } from '../document.js';
import { paretoFront } from '../pareto.js';

const ID = 'tradeoffs';
const TITLE = 'Accuracy vs size and latency';

interface Candidate {
  label: string;
  x: number;
  y: number;
}

function chart(id: string, title: string, candidates: Candidate[], xTitle: string): ReportChart {
  const front = paretoFront(candidates);
  return tradeoffChart(
    id,
    title,
    candidates.map((candidate, i) => ({ ...candidate, front: front[i] })),
    { x: xTitle, y: 'test accuracy (%)' },
  );
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
  const sizes = variants.map((v) => ({
    label: v.name,
    x: v.weightBytes / 1024,
    y: v.evaluation.accuracy * 100,
  }));
  const latencies = latencyCandidates(variants, bench);
  const charts = [chart('accuracy-vs-size', 'Accuracy vs weight size', sizes, 'weights (KiB)')];
  if (latencies.length > 0)
    charts.push(
      chart('accuracy-vs-latency', 'Accuracy vs latency (batch 1)', latencies, 'mean latency (ms)'),
    );
  const onFront = (candidates: Candidate[]): string => {
    const front = paretoFront(candidates);
    return candidates
      .filter((_, i) => front[i])
      .map((c) => c.label)
      .join(', ');
  };
  return {
    id: ID,
    title: TITLE,
    ran: true,
    notes: [
      `Pareto front by size: ${onFront(sizes)}.`,
      ...(latencies.length > 0
        ? [
            `Pareto front by latency (${bench ? 'measured per runner by bench' : 'edgeforge runtime, compress stage'}): ${onFront(latencies)}.`,
          ]
        : []),
      'A point is on the front when no other is both at least as small (or fast) and at least as accurate.',
    ],
    tables: [],
    charts,
  };
}
