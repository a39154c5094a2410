/**
 * Resumable stages: a finished stage leaves `stage.json` in its folder with the fingerprint of
 * everything it depended on (its config section, the upstream stages' fingerprints, the input
 * file's size and time). Run again with the same fingerprint and every listed file still
 * there, and the stage's recorded result is reused instead of redoing the work.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

const RECORD_FILE = 'stage.json';

interface StageRecord<T> {
  fingerprint: string;
  files: string[];
  result: T;
}

export interface StageOutcome<T> {
  result: T;
  /** True when the recorded result of an earlier run was reused. */
  reused: boolean;
  files: string[];
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function readRecord<T>(dir: string): Promise<StageRecord<T> | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, RECORD_FILE), 'utf8')) as StageRecord<T>;
  } catch {
    return undefined;
  }
}

/** Runs `compute` unless `dir` holds a record with this fingerprint whose files all exist. */
export async function runStage<T>(
  dir: string,
  fingerprint: string,
  compute: () => Promise<{ result: T; files: string[] }>,
): Promise<StageOutcome<T>> {
  const record = await readRecord<T>(dir);
  if (record?.fingerprint === fingerprint) {
    const present = await Promise.all(record.files.map(exists));
    if (present.every(Boolean)) return { result: record.result, reused: true, files: record.files };
  }
  const { result, files } = await compute();
  const fresh: StageRecord<T> = { fingerprint, files, result };
  await writeFileAtomic(join(dir, RECORD_FILE), `${JSON.stringify(fresh, null, 2)}\n`);
  return { result, reused: false, files };
}
