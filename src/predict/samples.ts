/**
 * The windows of a data file to score, cut as the data stage cut the training data: wide
 * layout, one row is one window; long layout, `length` rows every `stride` rows within each
 * recording. Unlike training, rows stream through (only a window per recording is held),
 * a label is optional, and each window keeps where it came from (row, recording, time).
 */
import { compareLabels } from '../data/layout/labels.js';
import { badCellReason, parseNumber } from '../data/read/number.js';
import type { RowSource } from '../data/read/source.js';
import type { LabelRule } from '../data/types.js';
import type { ScoringColumns } from './columns.js';
import type { PredictionModel } from './model-source.js';
import { SlidingWindow } from './sliding-window.js';

/** Where a window came from. */
export interface SampleOrigin {
  /** 1-based data row (the header not counted) of the window's first row. */
  row: number;
  recording?: string;
  /** The timestamp cell of the window's first row. */
  time?: string;
  /** The window's label by the model's label rule; undefined when the file has none for it. */
  label?: string;
}

export interface Sample extends SampleOrigin {
  /** steps x channels raw values, reading-major; reused by the next sample. */
  values: Float32Array;
}

/** What reading the file did: rows read, and rows left out by reason (the data stage's reasons). */
export interface ReadTally {
  rows: number;
  dropped: Record<string, number>;
}

function drop(tally: ReadTally, reason: string): void {
  tally.dropped[reason] = (tally.dropped[reason] ?? 0) + 1;
}

/** The label a window gets from its rows: the last row's, or the most frequent (ties: the lowest class). */
function windowLabel(labels: (string | undefined)[], rule: LabelRule): string | undefined {
  if (labels.includes(undefined)) return undefined;
  const known = labels as string[];
  if (rule === 'last') return known[known.length - 1];
  const counts = new Map<string, number>();
  for (const label of known) counts.set(label, (counts.get(label) ?? 0) + 1);
  let best = known[0];
  for (const [label, count] of counts) {
    const bestCount = counts.get(best)!;
    if (count > bestCount || (count === bestCount && compareLabels(label, best) < 0)) best = label;
  }
  return best;
}

export async function* readSamples(
  source: RowSource,
  columns: ScoringColumns,
  model: PredictionModel,
  tally: ReadTally,
): AsyncGenerator<Sample> {
  const { steps, channels, layout, window } = model.pre;
  const decimalComma = source.dialect?.decimal === ',';
  const reading = new Float32Array(columns.features.length);
  const values = new Float32Array(steps * channels);
  const recordings = new Map<string, SlidingWindow<SampleOrigin>>();
  const cell = (record: readonly string[], index: number | undefined): string | undefined => {
    const text = index === undefined ? undefined : record[index].trim();
    return text === '' ? undefined : text;
  };
  for await (const batch of source.batches()) {
    for (const record of batch) {
      const row = ++tally.rows;
      const problem = parseReading(record, columns.features, decimalComma, reading);
      if (problem !== undefined) {
        drop(tally, problem);
        continue;
      }
      const origin: SampleOrigin = { row, label: cell(record, columns.label) };
      const recording = cell(record, columns.group);
      if (recording !== undefined) origin.recording = recording;
      const time = cell(record, columns.timestamp);
      if (time !== undefined) origin.time = time;
      if (layout === 'wide') {
        yield { ...origin, values: reading };
        continue;
      }
      if (columns.group !== undefined && recording === undefined) {
        drop(tally, 'missing recording id');
        continue;
      }
      let cutter = recordings.get(recording ?? '');
      if (!cutter) {
        cutter = new SlidingWindow<SampleOrigin>(steps, channels, window?.stride ?? 1);
        recordings.set(recording ?? '', cutter);
      }
      if (!cutter.push(reading, origin)) continue;
      cutter.copyTo(values);
      const rows = Array.from({ length: steps }, (_, position) => cutter.tag(position));
      yield {
        ...rows[0],
        label: windowLabel(
          rows.map((tag) => tag.label),
          model.labelRule,
        ),
        values,
      };
    }
  }
}

/** Parses the feature cells into `out`; returns why the row cannot be used, if it cannot. */
function parseReading(
  record: readonly string[],
  features: readonly number[],
  decimalComma: boolean,
  out: Float32Array,
): string | undefined {
  for (let f = 0; f < features.length; f++) {
    const value = parseNumber(record[features[f]], decimalComma);
    if (!Number.isFinite(value)) return badCellReason(record[features[f]], decimalComma);
    out[f] = value;
  }
  return undefined;
}
