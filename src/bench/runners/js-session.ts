/**
 * Timing a runtime that runs inside this (child) process: outputs on the whole test split,
 * warm-up, single-window runs, batched runs, the process's CPU time and RSS over them.
 */
import { availableParallelism } from 'node:os';
import type { WindowSet } from '../../data/types.js';
import { latencyStats } from '../stats.js';
import type { Measured, VariantContext } from './context.js';

export interface JsSession {
  file: string;
  modelBytes: number;
  arenaBytes?: number;
  /** `count` float windows back to back in, their outputs (real units) back to back out. */
  run(windows: Float32Array, count: number): Promise<Float32Array> | Float32Array;
  close?(): Promise<void> | void;
}

function windowAt(test: WindowSet, index: number): Float32Array {
  const size = test.steps * test.channels;
  const start = (index % test.count) * size;
  return test.x.subarray(start, start + size);
}

/** `batch` consecutive test windows (wrapping around a short split) in one buffer. */
function batchWindows(test: WindowSet, batch: number): Float32Array {
  const size = test.steps * test.channels;
  const windows = new Float32Array(batch * size);
  for (let i = 0; i < batch; i++) windows.set(windowAt(test, i), i * size);
  return windows;
}

async function allOutputs(session: JsSession, test: WindowSet, batch: number): Promise<Float32Array> {
  const size = test.steps * test.channels;
  const chunks: Float32Array[] = [];
  for (let start = 0; start < test.count; start += batch) {
    const count = Math.min(batch, test.count - start);
    chunks.push(
      Float32Array.from(await session.run(test.x.subarray(start * size, (start + count) * size), count)),
    );
  }
  const outputs = new Float32Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((offset, chunk) => (outputs.set(chunk, offset), offset + chunk.length), 0);
  return outputs;
}

async function timeRuns(runs: number, once: (run: number) => Promise<unknown> | unknown): Promise<number[]> {
  const milliseconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await once(run);
    milliseconds.push(performance.now() - started);
  }
  return milliseconds;
}

/** Opens the session (after noting RSS, so loading the model counts as growth), measures, closes it. */
export async function measureSession(
  context: VariantContext,
  open: () => Promise<JsSession>,
): Promise<Measured> {
  const { test, runs, batch, batchRuns, warmup } = context.job;
  const rssBefore = process.memoryUsage.rss();
  const session = await open();
  try {
    context.progress('test split');
    // Sessions fixed at batch 1 loop inside run(); others take the whole chunk.
    const outputs = await allOutputs(session, test, batch);
    context.progress('timing');
    await timeRuns(warmup, (run) => session.run(windowAt(test, run), 1));
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    const single = await timeRuns(runs, (run) => session.run(windowAt(test, run), 1));
    const batchInput = batchWindows(test, batch);
    const batched = await timeRuns(batchRuns, () => session.run(batchInput, batch));
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    const batchLatency = latencyStats(batched);
    return {
      file: session.file,
      outputs,
      windows: test.count,
      latency: latencyStats(single),
      batch: { size: batch, latency: batchLatency, throughputPerSecond: (1000 * batch) / batchLatency.mean },
      memory: {
        modelBytes: session.modelBytes,
        ...(session.arenaBytes !== undefined && { arenaBytes: session.arenaBytes }),
        rssGrowthBytes: Math.max(0, process.memoryUsage.rss() - rssBefore),
      },
      // getrusage counts CPU time in scheduler ticks, so over a short timing window the ratio can
      // pass what the cores allow; no process uses more than all of them.
      cpu: { utilization: Math.min(availableParallelism(), (cpu.user + cpu.system) / 1000 / wallMs) },
    };
  } finally {
    await session.close?.();
  }
}
