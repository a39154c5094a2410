import { join } from 'node:path';
import type { PipelineConfig, Stage } from '../config/schema.js';
import { prepareData, type DataSummary } from '../data/prepare.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { FitCallbacks } from '../train/fit.js';
import { runTrainStage, type TrainStageResult } from './train-stage.js';

export interface StageEvent {
  stage: Stage;
  /** Fraction done within the stage, 0..1. */
  progress: number;
  detail?: string;
}

export interface PipelineResult {
  output: string;
  stages: { stage: Stage; seconds: number; files: string[] }[];
  data: DataSummary;
  train?: TrainStageResult;
}

export interface PipelineHooks {
  onEvent?: (event: StageEvent) => void;
  onResume?: FitCallbacks['onResume'];
  signal?: AbortSignal;
}

/** Runs the configured stages in order and writes each stage's results under config.output. */
export async function runPipeline(
  config: PipelineConfig,
  hooks: PipelineHooks = {},
): Promise<PipelineResult> {
  const output = config.output ?? join('runs', config.name);
  const onEvent = hooks.onEvent ?? (() => undefined);
  let started = performance.now();
  const prepared = await prepareData(config.data, {
    onProgress: (done, total) => onEvent({ stage: 'data', progress: total ? done / total : 0 }),
  });
  const summaryFile = join(output, 'data', 'summary.json');
  await writeFileAtomic(summaryFile, `${JSON.stringify(prepared.summary, null, 2)}\n`);
  const result: PipelineResult = {
    output,
    stages: [{ stage: 'data', seconds: (performance.now() - started) / 1000, files: [summaryFile] }],
    data: prepared.summary,
  };
  if (config.train) {
    started = performance.now();
    const epochs = config.train.epochs;
    result.train = await runTrainStage(prepared, config.train, join(output, 'train'), {
      signal: hooks.signal,
      callbacks: {
        onBatch: (epoch, done, total, loss) =>
          onEvent({
            stage: 'train',
            progress: done / total,
            detail: `epoch ${epoch}${epochs ? `/${epochs}` : ''} loss ${loss.toFixed(4)}`,
          }),
        onResume: hooks.onResume,
      },
    });
    result.stages.push({
      stage: 'train',
      seconds: (performance.now() - started) / 1000,
      files: [result.train.model],
    });
  }
  return result;
}
