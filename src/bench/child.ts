/**
 * Runs one runner's job in a fresh Node process (node:child_process fork of runners/entry):
 * the compiled entry when this module is compiled, the TypeScript one through tsx when it runs
 * from sources (tests). A process that dies leaves its missing variants as failed cells.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunnerJob, RunnerMessage } from './job.js';
import type { BenchCell } from './results.js';

function entryModule(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSources = here.endsWith('.ts');
  const file = fileURLToPath(new URL(`./runners/entry.${fromSources ? 'ts' : 'js'}`, import.meta.url));
  return { file, execArgv: fromSources ? ['--import', 'tsx'] : [] };
}

export function runInChild(
  job: RunnerJob,
  onProgress: (variant: string, step: string) => void,
): Promise<BenchCell[]> {
  const { file, execArgv } = entryModule();
  return new Promise((resolve) => {
    const cells: BenchCell[] = [];
    const child = fork(file, [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('message', (message: RunnerMessage) => {
      if (message.type === 'progress') onProgress(message.variant, message.step);
      else if (message.type === 'cell') cells.push(message.cell);
    });
    let finished = false;
    const finish = (how: string): void => {
      if (finished) return;
      finished = true;
      const done = new Set(cells.map((cell) => cell.variant));
      const detail = stderr.trim().split('\n').at(-1) ?? '';
      for (const variant of job.variants.filter((v) => !done.has(v.name))) {
        cells.push({
          variant: variant.name,
          runner: job.runner,
          status: 'failed',
          reason: `the ${job.runner} runner process ${how} before measuring this variant${detail ? `: ${detail}` : ''}`,
        });
      }
      resolve(cells);
    };
    child.on('error', (error) => finish(`could not start (${error.message})`));
    child.on('exit', (code, signal) => finish(`exited (${signal ?? `code ${code}`})`));
    child.send(job);
  });
}
