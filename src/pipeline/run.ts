import { join } from 'node:path';
import type { PipelineConfig, Stage } from '../config/schema.js';
import { prepareData, type DataSummary, type PreparedData } from '../data/prepare.js';
import type { FitCallbacks } from '../train/fit.js';
import { fingerprint } from '../train/fingerprint.js';
import { PIPELINE_STAGES, type StageResults } from './stages.js';

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

export interface PipelineResult extends Partial<StageResults> {
  output: string;
  stages: StageRun[];
  data: DataSummary;
}

export interface PipelineHooks {
  onEvent?: (event: StageEvent) => void;
  onResume?: FitCallbacks['onResume'];
  signal?: AbortSignal;
}

/**
 * Runs the configured stages in order and writes each stage's results under config.output.
 * A stage whose inputs (its section and everything upstream) have not changed since the last
 * run is not redone; the data are only prepared when a stage that needs them runs.
 */
export async function runPipeline(
  config: PipelineConfig,
  hooks: PipelineHooks = {},
): Promise<PipelineResult> {
  const output = config.output ?? join('runs', config.name);
  const onEvent = hooks.onEvent ?? (() => undefined);
  let pending: Promise<PreparedData> | undefined;
  const results: Partial<StageResults> = {};
  const stages: StageRun[] = [];
  const context = {
    config,
    output,
    results,
    hooks,
    prepared: (): Promise<PreparedData> =>
      (pending ??= prepareData(config.data, {
        onProgress: (done, total) => onEvent({ stage: 'data', progress: total ? done / total : 0 }),
      })),
  };
  let upstream = '';
  for (const definition of PIPELINE_STAGES) {
    if (!definition.enabled(config)) continue;
    const { stage } = definition;
    const key = fingerprint({ inputs: await definition.inputs(config), upstream });
    const started = performance.now();
    const outcome = await definition.execute(context, key, (progress, detail) =>
      onEvent({ stage, progress, detail }),
    );
    stages.push({
      stage,
      seconds: (performance.now() - started) / 1000,
      files: outcome.files,
      reused: outcome.reused,
    });
    if (outcome.reused) onEvent({ stage, progress: 1, detail: 'unchanged, reused' });
    upstream = key;
  }
  return { ...results, output, stages, data: results.data! };
}
