/**
 * A runner's child process: receives one RunnerJob, measures its variants in turn with that
 * runner and sends each cell back, so runtimes never share a process with each other or with
 * the caller (benchVariants sends one variant per process).
 */
import { readFile } from 'node:fs/promises';
import { graphOutputs } from '../../compress/evaluate-graph.js';
import { EdgeforgeError } from '../../errors.js';
import { decodeGraph } from '../../graph/format.js';
import type { RunnerJob, RunnerMessage, VariantJob } from '../job.js';
import type { BenchCell, RunnerName } from '../results.js';
import { scoreOutputs } from '../score.js';
import { allowedSteps } from '../../export/onnx/step-tolerance.js';
import { verifyOutputs, type StepAllowance } from '../verify.js';

import { cNativeRunner } from './c-native.js';
import { UnsupportedVariant, type Runner } from './context.js';
import { cortexM4Runner } from './cortex-m4.js';
import { edgeforgeRunner } from './edgeforge.js';
import { liteRtRunner } from './litert.js';
import { onnxRuntimeRunner } from './onnxruntime.js';

/** int8 output steps each runner may differ from the edgeforge runtime by: the C and TFLite paths are bit-exact. */
const INT8_ALLOWANCE: Readonly<Record<RunnerName, StepAllowance>> = {
  edgeforge: () => 0,
  'c-native': () => 0,
  'c-cortex-m4': () => 0,
  litert: () => 0,
  onnxruntime: allowedSteps,
};

const RUNNERS: Record<RunnerName, Runner> = {
  edgeforge: edgeforgeRunner,
  onnxruntime: onnxRuntimeRunner,
  litert: liteRtRunner,
  'c-native': cNativeRunner,
  'c-cortex-m4': cortexM4Runner,
};

function send(message: RunnerMessage): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );
}

function oneLine(error: unknown): string {
  if (error instanceof EdgeforgeError) return error.oneLine();
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

async function benchVariant(job: RunnerJob, variant: VariantJob): Promise<BenchCell> {
  const base = { variant: variant.name, runner: job.runner };
  try {
    const graph = decodeGraph(await readFile(variant.graphFile), variant.graphFile);
    // The edgeforge runtime's outputs on the same windows: what every runner is verified against.
    const reference = graphOutputs(graph, job.test);
    const progress = (step: string): void => void send({ type: 'progress', variant: variant.name, step });
    const { outputs, windows, ...figures } = await RUNNERS[job.runner]({ job, variant, graph, progress });
    return {
      ...base,
      status: 'ok',
      ...figures,
      verified: verifyOutputs(graph, reference, outputs, INT8_ALLOWANCE[job.runner]),
      ...(windows === job.test.count && { accuracy: scoreOutputs(outputs, job.test, job.spec) }),
    };
  } catch (error) {
    if (error instanceof UnsupportedVariant) return { ...base, status: 'unsupported', reason: error.message };
    return { ...base, status: 'failed', reason: oneLine(error) };
  }
}

process.once('message', (message) => {
  void (async () => {
    const job = message as RunnerJob;
    for (const variant of job.variants) {
      await send({ type: 'progress', variant: variant.name, step: 'loading' });
      await send({ type: 'cell', cell: await benchVariant(job, variant) });
    }
    await send({ type: 'done' });
    // Runtimes may keep handles open; the work is done and reported.
    process.exit(0);
  })();
});
