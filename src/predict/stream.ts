/**
 * The edge-device loop: readings arrive one line at a time; a long-layout model keeps a
 * sliding window of its length and predicts every `stride` readings, a wide-layout model
 * predicts every line (one line = one window). One JSON line per prediction; malformed
 * lines are reported with their line number and skipped.
 */
import { UsageError } from '../errors.js';
import { float32Text } from './float-text.js';
import type { PredictionModel } from './model-source.js';
import { Predictor } from './predictor.js';
import { ReadingParser } from './reading-parser.js';
import { SlidingWindow } from './sliding-window.js';

export interface StreamOptions {
  model: PredictionModel;
  lines: AsyncIterable<string>;
  /** The input's name in messages: 'stdin' or the file. */
  source: string;
  /** Long layout: readings between predictions (default: the model's window stride). */
  stride?: number;
  /** Receives each prediction as one JSON line (with its line break). */
  emit(line: string): void;
  /** Receives each malformed line's one-line report. */
  warn(message: string): void;
  /** The wall clock, for predictions whose input carries no timestamp. */
  now?: () => Date;
}

export interface StreamSummary {
  lines: number;
  readings: number;
  predictions: number;
  malformed: number;
}

/** The prediction of the window in the predictor's slot 0, as the JSON line's fields. */
function verdict(predictor: Predictor): Record<string, number | string | boolean> {
  const { model } = predictor;
  if (model.task === 'autoencoder') {
    return {
      error: Number(float32Text(predictor.reconstructionError(0))),
      anomaly: predictor.predicted(0) === 1,
    };
  }
  const classId = predictor.predicted(0);
  return {
    class: model.classes[classId] ?? String(classId),
    probability: Number(float32Text(predictor.probability(0, classId))),
  };
}

/** A timestamp cell as JSON: a number when it is one (epoch seconds), else the text. */
function timestampValue(cell: string | undefined, now: () => Date): number | string {
  if (cell === undefined || cell === '') return now().toISOString();
  const numeric = Number(cell);
  return Number.isFinite(numeric) ? numeric : cell;
}

function windowStride(model: PredictionModel, stride: number | undefined): number {
  if (model.pre.layout === 'wide') {
    if (stride !== undefined) {
      throw new UsageError(
        '--stride applies to long-layout models; this wide-layout model predicts every line',
        {
          file: model.file,
          fix: 'Leave out --stride: each line is one whole window',
        },
      );
    }
    return 1;
  }
  return stride ?? model.pre.window?.stride ?? 1;
}

export async function predictStream(options: StreamOptions): Promise<StreamSummary> {
  const { model, emit, warn } = options;
  const now = options.now ?? (() => new Date());
  const { steps, channels, layout } = model.pre;
  const stride = windowStride(model, options.stride);
  const parser = new ReadingParser(model.pre, model.hints, options.source);
  const predictor = new Predictor(model, 1);
  // Wide layout: a line is a whole window, so a "window" of one reading of steps values.
  const window =
    layout === 'long'
      ? new SlidingWindow<string | undefined>(steps, channels, stride)
      : new SlidingWindow<string | undefined>(1, steps * channels, 1);
  const raw = new Float32Array(steps * channels);
  const summary: StreamSummary = { lines: 0, readings: 0, predictions: 0, malformed: 0 };

  for await (const line of options.lines) {
    summary.lines++;
    const parsed = parser.parse(line, summary.lines);
    if (parsed.kind === 'malformed') {
      summary.malformed++;
      warn(`${parsed.problem.oneLine().replace(/\.$/, '')}; skipped.`);
      continue;
    }
    if (parsed.kind !== 'reading') continue;
    const index = summary.readings++;
    if (!window.push(parsed.values, parsed.timestamp)) continue;
    window.copyTo(raw);
    predictor.load(0, raw);
    predictor.run();
    summary.predictions++;
    const timestamp = timestampValue(window.tag(window.length - 1), now);
    emit(`${JSON.stringify({ timestamp, ...verdict(predictor), index })}\n`);
  }
  return summary;
}
