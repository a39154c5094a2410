import { Worker } from 'node:worker_threads';

/**
 * Starts the training worker: the compiled entry when this module is compiled, the TypeScript
 * one when it runs from sources (tests). Node 20 ignores `--import tsx` in a worker's execArgv,
 * so from sources a small bootstrap registers tsx's loader inside the worker, then imports.
 */
export function spawnTrainingWorker(): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./worker-entry.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSources) return new Worker(entry);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap =
    `import(${JSON.stringify(tsxApi)})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}
