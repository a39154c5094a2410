/**
 * bench.json for the advisor, from a run folder (<run>/bench/bench.json), the bench folder
 * itself, or the file. Only the fields the advisor reads are checked, enough to name a wrong
 * file and field instead of failing deep inside an estimate.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BenchResults } from '../bench/results.js';
import { fieldName } from '../config/issues.js';
import { EdgeforgeError, UsageError } from '../errors.js';

const latencyShape = z.object({ p50: z.number() }).loose();
const benchShape = z.object({
  variants: z.array(
    z
      .object({
        name: z.string(),
        kind: z.string(),
        weightBytes: z.number(),
        arenaBytes: z.number(),
        evaluation: z.object({ accuracy: z.number(), f1: z.number() }).loose(),
      })
      .loose(),
  ),
  cells: z.array(
    z
      .object({
        variant: z.string(),
        runner: z.string(),
        status: z.enum(['ok', 'unsupported', 'failed']),
        latency: latencyShape.optional(),
        mcu: z
          .object({
            flashBytes: z.number(),
            ramBytes: z.number(),
            stackBytes: z.number(),
            instructionsPerInference: z.number(),
          })
          .optional(),
      })
      .loose(),
  ),
});

const FIX = 'Pass a run folder, its bench folder or a bench.json written by edgeforge bench';

async function benchFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError('not found', { file: path, fix: FIX });
  if (!info.isDirectory()) return path;
  for (const candidate of [join(path, 'bench', 'bench.json'), join(path, 'bench.json')]) {
    if (
      await stat(candidate).then(
        (found) => found.isFile(),
        () => false,
      )
    )
      return candidate;
  }
  throw new UsageError('holds no bench/bench.json', { file: path, fix: 'Run edgeforge bench on it first' });
}

export async function readBenchResults(path: string): Promise<{ file: string; results: BenchResults }> {
  const file = await benchFile(path);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new EdgeforgeError('is not JSON', { file, fix: 'Run edgeforge bench again to rewrite it' });
  }
  const parsed = benchShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EdgeforgeError(`is not a bench.json: ${issue.message}`, {
      file,
      place: `field ${fieldName(issue.path) || '(top)'}`,
      fix: FIX,
    });
  }
  // The fields the advisor reads are checked; the rest is trusted as edgeforge bench wrote it.
  return { file, results: raw as BenchResults };
}
