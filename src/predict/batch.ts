/**
 * Batch scoring: every window of a CSV or Parquet file (the model's columns, windowing and
 * scaler) through the edgeforge runtime, `batch` windows per call, into a predictions CSV
 * written atomically; with labels in the file, the metrics against them.
 */
import { openSource } from '../data/read/open.js';
import { EdgeforgeError } from '../errors.js';
import { openAtomicWriteStream, type AtomicWriteStream } from '../util/atomic-write.js';
import { scoringColumns } from './columns.js';
import { LabelTally, type LabelledMetrics } from './label-tally.js';
import type { PredictionModel, PredictTask } from './model-source.js';
import { PredictionCsv } from './prediction-csv.js';
import { Predictor } from './predictor.js';
import { readSamples, type ReadTally, type SampleOrigin } from './samples.js';

export const DEFAULT_BATCH = 64;

export interface BatchPredictOptions {
  model: PredictionModel;
  data: string;
  out: string;
  /** Windows per runtime call (default 64). */
  batch?: number;
  /** Stops between batches; nothing is written then. */
  signal?: AbortSignal;
  /** Bytes of the data file read so far, and its size. */
  onProgress?: (done: number, total: number) => void;
}

export interface BatchPrediction {
  model: string;
  data: string;
  out: string;
  task: PredictTask;
  layout: 'wide' | 'long';
  classes: string[];
  rowsRead: number;
  rowsDropped: number;
  dropReasons: Record<string, number>;
  windows: number;
  /** Autoencoders: the threshold and how many windows were above it. */
  anomaly?: { threshold: number; normalClass: string; flagged: number };
  /** Present when the file has the model's label column with labels in it. */
  metrics?: LabelledMetrics;
  seconds: number;
  windowsPerSecond: number;
}

export async function predictFile(options: BatchPredictOptions): Promise<BatchPrediction> {
  const { model, data } = options;
  const started = performance.now();
  const source = await openSource(data, options.onProgress);
  let output: AtomicWriteStream | undefined;
  try {
    const columns = scoringColumns(source.columns, model.pre, model.hints, data);
    output = await openAtomicWriteStream(options.out);
    const csv = new PredictionCsv(model, columns);
    await output.write(csv.header());
    const predictor = new Predictor(model, options.batch ?? DEFAULT_BATCH);
    const tally = new LabelTally(model);
    const origins: SampleOrigin[] = [];
    const read: ReadTally = { rows: 0, dropped: {} };
    let windows = 0;
    let flagged = 0;
    const flush = async (): Promise<void> => {
      if (options.signal?.aborted) {
        throw new EdgeforgeError('interrupted: no predictions written', { file: options.out });
      }
      predictor.run();
      let text = '';
      origins.forEach((origin, slot) => {
        text += csv.row(windows++, origin, predictor, slot);
        tally.add(origin.label, predictor, slot);
        flagged += predictor.predicted(slot);
      });
      origins.length = 0;
      await output!.write(text);
    };
    for await (const sample of readSamples(source, columns, model, read)) {
      predictor.load(origins.length, sample.values);
      origins.push(sample);
      if (origins.length === predictor.batch) await flush();
    }
    if (origins.length > 0) await flush();
    if (windows === 0) refuseEmpty(model, data, read);
    await output.commit();
    const seconds = (performance.now() - started) / 1000;
    const metrics = tally.result();
    return {
      model: model.file,
      data,
      out: options.out,
      task: model.task,
      layout: model.pre.layout,
      classes: model.classes,
      rowsRead: read.rows,
      rowsDropped: Object.values(read.dropped).reduce((sum, count) => sum + count, 0),
      dropReasons: read.dropped,
      windows,
      ...(model.anomaly && model.task === 'autoencoder' && { anomaly: { ...model.anomaly, flagged } }),
      ...(metrics && { metrics }),
      seconds,
      windowsPerSecond: windows / seconds,
    };
  } catch (error) {
    await output?.abort();
    throw error;
  } finally {
    source.close();
  }
}

function refuseEmpty(model: PredictionModel, data: string, read: ReadTally): never {
  const reasons = Object.entries(read.dropped).map(([reason, count]) => `${count} ${reason}`);
  const leftOut = reasons.length > 0 ? ` (rows left out: ${reasons.join(', ')})` : '';
  const why =
    read.rows === 0
      ? 'the file has no data rows'
      : model.pre.layout === 'wide'
        ? `every row was left out${leftOut}`
        : `no recording has the ${model.pre.steps} usable rows of one window${leftOut}`;
  throw new EdgeforgeError(`nothing to score in ${read.rows} rows: ${why}`, {
    file: data,
    fix: 'Check that the file holds the readings the model was trained on',
  });
}
