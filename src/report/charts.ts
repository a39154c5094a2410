/** The report's chart kinds as Vega-Lite specs, data inline, one look for all. */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportChart } from './document.js';

const LOOK = {
  background: 'white',
  config: {
    font: 'sans-serif',
    view: { stroke: '#ccc' },
    axis: { labelFontSize: 11, titleFontSize: 12 },
    // Below the plot, so point labels near the right edge never run into it.
    legend: { orient: 'bottom' },
  },
} as const;

export interface SeriesPoint {
  x: number;
  series: string;
  value: number;
}

/** One line per series over a numeric x (points marked, so a one-epoch run still shows). */
export function lineChart(
  id: string,
  title: string,
  points: SeriesPoint[],
  axes: { x: string; y: string },
): ReportChart {
  const spec: TopLevelSpec = {
    ...LOOK,
    title,
    width: 320,
    height: 220,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: axes.x, axis: { tickMinStep: 1, format: 'd' } },
      y: { field: 'value', type: 'quantitative', title: axes.y, scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
  return { id, title, spec };
}

/** Rows = true class, columns = predicted class, counts written in each cell. */
export function confusionChart(
  id: string,
  title: string,
  classes: string[],
  matrix: number[][],
): ReportChart {
  const cells = matrix.flatMap((row, t) =>
    row.map((value, p) => ({
      actual: classes[t] ?? String(t),
      predicted: classes[p] ?? String(p),
      count: value,
    })),
  );
  const side = Math.min(420, Math.max(160, classes.length * 48));
  const axis = {
    field: 'predicted',
    type: 'nominal',
    sort: classes,
    title: 'predicted',
    axis: { labelAngle: 0 },
  } as const;
  const spec: TopLevelSpec = {
    ...LOOK,
    title,
    width: side,
    height: side,
    data: { values: cells },
    encoding: {
      x: axis,
      y: { field: 'actual', type: 'nominal', sort: classes, title: 'actual' },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, title: 'windows' },
        },
      },
      { mark: { type: 'text', fontSize: 12 }, encoding: { text: { field: 'count', type: 'quantitative' } } },
    ],
  };
  return { id, title, spec };
}

export interface TradeoffPoint {
  label: string;
  x: number;
  y: number;
  /** On the Pareto front: nothing is both smaller and more accurate. */
  front: boolean;
}

/** Costs spanning an order of magnitude or more (C vs LiteRT latency) read on a log axis. */
function costScale(
  points: TradeoffPoint[],
): { type: 'log'; nice: false; padding: number } | { type: 'linear'; zero: false; padding: number } {
  const costs = points.map((point) => point.x);
  const low = Math.min(...costs);
  return low > 0 && Math.max(...costs) / low >= 10
    ? { type: 'log', nice: false, padding: 16 }
    : { type: 'linear', zero: false, padding: 24 };
}

/**
 * Accuracy against a cost, the Pareto front joined by a line and labelled (the other points,
 * often stacked on one another, are named in the table beside the chart).
 */
export function tradeoffChart(
  id: string,
  title: string,
  points: TradeoffPoint[],
  axes: { x: string; y: string },
): ReportChart {
  const values = points.map((point) => ({ ...point, group: point.front ? 'Pareto front' : 'dominated' }));
  const x = {
    field: 'x',
    type: 'quantitative',
    title: axes.x,
    scale: costScale(points),
  } as const;
  const y = { field: 'y', type: 'quantitative', title: axes.y, scale: { zero: false, padding: 16 } } as const;
  const spec: TopLevelSpec = {
    ...LOOK,
    title,
    width: 320,
    height: 240,
    data: { values },
    encoding: { x, y },
    layer: [
      {
        transform: [{ filter: 'datum.front' }],
        mark: { type: 'line', color: '#d62728', strokeDash: [4, 3] },
        encoding: { order: { field: 'x', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          color: {
            field: 'group',
            type: 'nominal',
            title: null,
            scale: { domain: ['Pareto front', 'dominated'], range: ['#d62728', '#7f7f7f'] },
          },
        },
      },
      {
        transform: [{ filter: 'datum.front' }],
        mark: { type: 'text', dx: 6, dy: -8, align: 'left', fontSize: 10 },
        encoding: { text: { field: 'label' } },
      },
    ],
  };
  return { id, title, spec };
}
