import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PipelineConfig, Stage } from '../config/schema.js';
import { prepareData, synthesizeIfMissing, type DataSummary, type PreparedData } from '../data/prepare.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { FitCallbacks } from '../train/fit.js';
import { fingerprint } from '../train/fingerprint.js';
import { runStage } from './stage-cache.js';
import { runCompressStage } from './compress-stage.js';
import { runExportStage, type ExportStageResult } from './export-stage.js';
import { runTrainStage, type TrainStageResult } from './train-stage.js';
import type { CompressReport } from '../compress/index.js';

export interface StageEvent {
  stage: Stage;
  /** Fraction done within the stage, 0..1. */
  progress: number;
  detail?: string;
}

export interface StageRun {
  stage: Stage;
  seconds: number;
  files: string[];
  /** The stage's inputs had not changed, so an earlier run's result was reused. */
  reused: boolean;
}

export interface PipelineResult {
  output: string;
  stages: StageRun[];
  data: DataSummary;
  train?: TrainStageResult;
  compress?: CompressReport;
  export?: ExportStageResult;
}

export interface PipelineHooks {
  onEvent?: (event: StageEvent) => void;
  onResume?: FitCallbacks['onResume'];
  signal?: AbortSignal;
}

/** What the data stage depends on: its settings and the input file's size and modification time. */
async function dataFingerprint(config: PipelineConfig): Promise<string> {
  await synthesizeIfMissing(config.data);
  const { size, mtimeMs } = await stat(config.data.file);
  return fingerprint({ section: config.data, size, mtimeMs });
}

/**
 * Runs the configured stages in order and writes each stage's results under config.output.
 * A stage whose inputs have not changed since the last run is not redone; the data are only
 * prepared when a stage that needs them runs.
 */
export async function runPipeline(
  config: PipelineConfig,
  hooks: PipelineHooks = {},
): Promise<PipelineResult> {
  const output = config.output ?? join('runs', config.name);
  const onEvent = hooks.onEvent ?? (() => undefined);
  const stages: StageRun[] = [];
  let pending: Promise<PreparedData> | undefined;
  const prepared = (): Promise<PreparedData> =>
    (pending ??= prepareData(config.data, {
      onProgress: (done, total) => onEvent({ stage: 'data', progress: total ? done / total : 0 }),
    }));
  const timed = async <T>(
    stage: Stage,
    run: () => Promise<{ result: T; reused: boolean; files: string[] }>,
  ): Promise<T> => {
    const started = performance.now();
    const outcome = await run();
    stages.push({
      stage,
      seconds: (performance.now() - started) / 1000,
      files: outcome.files,
      reused: outcome.reused,
    });
    if (outcome.reused) onEvent({ stage, progress: 1, detail: 'unchanged, reused' });
    return outcome.result;
  };

  const dataKey = await dataFingerprint(config);
  const data = await timed('data', () =>
    runStage(join(output, 'data'), dataKey, async () => {
      const summary = (await prepared()).summary;
      const file = join(output, 'data', 'summary.json');
      await writeFileAtomic(file, `${JSON.stringify(summary, null, 2)}\n`);
      return { result: summary, files: [file] };
    }),
  );
  const result: PipelineResult = { output, stages, data };
  if (config.train) {
    const section = config.train;
    const trainKey = fingerprint({ section, data: dataKey });
    result.train = await timed('train', () =>
      runStage(join(output, 'train'), trainKey, async () => {
        const train = await runTrainStage(await prepared(), section, join(output, 'train'), {
          signal: hooks.signal,
          callbacks: {
            onBatch: (epoch, done, total, loss) =>
              onEvent({
                stage: 'train',
                progress: done / total,
                detail: `epoch ${epoch}${section.epochs ? `/${section.epochs}` : ''} loss ${loss.toFixed(4)}`,
              }),
            onResume: hooks.onResume,
          },
        });
        return { result: train, files: [train.model, train.graph] };
      }),
    );
    const compressKey = fingerprint({ settings: config.compress, train: trainKey });
    if (config.compress) {
      const settings = config.compress;
      const model = result.train.model;
      result.compress = await timed('compress', () =>
        runStage(join(output, 'compress'), compressKey, async () =>
          runCompressStage(model, await prepared(), settings, join(output, 'compress'), {
            signal: hooks.signal,
            onStep: (step, done, total) =>
              onEvent({ stage: 'compress', progress: done / total, detail: step }),
          }),
        ),
      );
    }
    if (config.export) {
      const section = config.export;
      const train = result.train;
      const exportKey = fingerprint({ section, upstream: config.compress ? compressKey : trainKey });
      result.export = await timed('export', () =>
        runStage(join(output, 'export'), exportKey, async () =>
          runExportStage(
            section,
            {
              compress: result.compress,
              modelGraph: train.graph,
              name: config.name.replace(/[^A-Za-z0-9_]/g, '_'),
            },
            (await prepared()).test,
            join(output, 'export'),
            (step, done, total) => onEvent({ stage: 'export', progress: done / total, detail: step }),
          ),
        ),
      );
    }
  }
  return result;
}
