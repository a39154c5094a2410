import { join } from 'node:path';
import type { PipelineConfig, Stage } from '../config/schema.js';
import { prepareData, type DataSummary } from '../data/prepare.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface StageEvent {
  stage: Stage;
  /** Fraction done within the stage, 0..1. */
  progress: number;
}

export interface PipelineResult {
  output: string;
  stages: { stage: Stage; seconds: number; files: string[] }[];
  data: DataSummary;
}

/** Runs the configured stages in order and writes each stage's results under config.output. */
export async function runPipeline(
  config: PipelineConfig,
  onEvent: (event: StageEvent) => void = () => undefined,
): Promise<PipelineResult> {
  const output = config.output ?? join('runs', config.name);
  const started = performance.now();
  const prepared = await prepareData(config.data, {
    onProgress: (done, total) => onEvent({ stage: 'data', progress: total ? done / total : 0 }),
  });
  const summaryFile = join(output, 'data', 'summary.json');
  await writeFileAtomic(summaryFile, `${JSON.stringify(prepared.summary, null, 2)}\n`);
  onEvent({ stage: 'data', progress: 1 });
  return {
    output,
    stages: [{ stage: 'data', seconds: (performance.now() - started) / 1000, files: [summaryFile] }],
    data: prepared.summary,
  };
}
