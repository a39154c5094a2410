/**
 * The pipeline's stages in order: data → train → compress → export → bench → report. Each
 * says when it runs, what its result depends on (beyond the stages before it) and how it runs.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { benchRunDir } from '../bench/index.js';
import type { BenchResults } from '../bench/results.js';
import type { CompressReport } from '../compress/index.js';
import type { PipelineConfig, Stage } from '../config/schema.js';
import { synthesizeIfMissing, type DataSummary, type PreparedData } from '../data/prepare.js';
import { writeReport, type ReportFiles } from '../report/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { runCompressStage } from './compress-stage.js';
import { runStage, type StageOutcome } from './stage-cache.js';
import { runExportStage, type ExportStageResult } from './export-stage.js';
import type { PipelineHooks } from './run.js';
import { runTrainStage, type TrainStageResult } from './train-stage.js';

export interface StageResults {
  data: DataSummary;
  train: TrainStageResult;
  compress: CompressReport;
  export: ExportStageResult;
  bench: BenchResults;
  report: ReportFiles;
}

export interface StageContext {
  config: PipelineConfig;
  output: string;
  /** Results of the stages run (or reused) so far. */
  results: Partial<StageResults>;
  hooks: PipelineHooks;
  prepared(): Promise<PreparedData>;
}

type Progress = (fraction: number, detail?: string) => void;

interface StageDefinition<S extends Stage> {
  stage: S;
  enabled(config: PipelineConfig): boolean;
  /** What the stage's result depends on besides the stages before it. */
  inputs(config: PipelineConfig): Promise<unknown>;
  run(context: StageContext, progress: Progress): Promise<{ result: StageResults[S]; files: string[] }>;
}

export interface PipelineStage {
  stage: Stage;
  enabled(config: PipelineConfig): boolean;
  inputs(config: PipelineConfig): Promise<unknown>;
  /** Runs the stage, or reuses the result recorded under `key`, and keeps it in context.results. */
  execute(context: StageContext, key: string, progress: Progress): Promise<StageOutcome<unknown>>;
}

function stageDefinition<S extends Stage>(definition: StageDefinition<S>): PipelineStage {
  return {
    ...definition,
    async execute(context, key, progress) {
      const dir = join(context.output, definition.stage);
      const outcome = await runStage(dir, key, () => definition.run(context, progress));
      context.results[definition.stage] = outcome.result;
      return outcome;
    },
  };
}

/** A stage that the validated config guarantees ran before this one. */
function upstream<S extends Stage>(results: Partial<StageResults>, stage: S): StageResults[S] {
  const result = results[stage];
  if (result === undefined) throw new Error(`pipeline stage ${stage} has not run`);
  return result;
}

const dataStage = stageDefinition({
  stage: 'data',
  enabled: () => true,
  // The settings, and the input file's size and modification time.
  async inputs(config) {
    await synthesizeIfMissing(config.data);
    const { size, mtimeMs } = await stat(config.data.file);
    return { section: config.data, size, mtimeMs };
  },
  async run({ output, prepared }) {
    const summary = (await prepared()).summary;
    const file = join(output, 'data', 'summary.json');
    await writeFileAtomic(file, `${JSON.stringify(summary, null, 2)}\n`);
    return { result: summary, files: [file] };
  },
});

const trainStage = stageDefinition({
  stage: 'train',
  enabled: (config) => config.train !== undefined,
  inputs: async (config) => config.train,
  async run({ config, output, prepared, hooks }, progress) {
    const section = config.train!;
    const train = await runTrainStage(await prepared(), section, join(output, 'train'), {
      signal: hooks.signal,
      callbacks: {
        onBatch: (epoch, done, total, loss) =>
          progress(
            done / total,
            `epoch ${epoch}${section.epochs ? `/${section.epochs}` : ''} loss ${loss.toFixed(4)}`,
          ),
        onResume: hooks.onResume,
      },
    });
    return { result: train, files: [train.model, train.graph] };
  },
});

const compressStage = stageDefinition({
  stage: 'compress',
  enabled: (config) => config.compress !== undefined,
  inputs: async (config) => config.compress,
  async run({ config, output, prepared, results, hooks }, progress) {
    return runCompressStage(
      upstream(results, 'train').model,
      await prepared(),
      config.compress!,
      join(output, 'compress'),
      {
        signal: hooks.signal,
        onStep: (step, done, total) => progress(done / total, step),
      },
    );
  },
});

const exportStage = stageDefinition({
  stage: 'export',
  enabled: (config) => config.export !== undefined,
  inputs: async (config) => config.export,
  async run({ config, output, prepared, results }, progress) {
    const sources = {
      compress: results.compress,
      modelGraph: upstream(results, 'train').graph,
      name: config.name.replace(/[^A-Za-z0-9_]/g, '_'),
    };
    return runExportStage(
      config.export!,
      sources,
      (await prepared()).test,
      join(output, 'export'),
      (step, done, total) => progress(done / total, step),
    );
  },
});

const benchStage = stageDefinition({
  stage: 'bench',
  enabled: (config) => config.bench !== undefined,
  inputs: async (config) => config.bench,
  async run({ config, output, prepared }, progress) {
    const { runs, batch, runners } = config.bench!;
    const { results, file } = await benchRunDir(output, {
      data: (await prepared()).test,
      runs,
      batch,
      ...(runners && { runners }),
      onProgress: ({ done, total, runner, variant }) => progress(done / total, `${variant} on ${runner}`),
    });
    return { result: results, files: [file] };
  },
});

const reportStage = stageDefinition({
  stage: 'report',
  enabled: (config) => config.report !== undefined,
  inputs: async (config) => config.report,
  async run({ output }) {
    const files = await writeReport(output);
    return { result: files, files: [files.html, files.markdown, files.json] };
  },
});

export const PIPELINE_STAGES = [
  dataStage,
  trainStage,
  compressStage,
  exportStage,
  benchStage,
  reportStage,
] as const;
