import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { EdgeforgeError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { EpochRecord } from './history.js';

/**
 * A training checkpoint, written atomically after every epoch: everything needed to go on
 * from the next epoch with bit-identical results (weights, optimizer moments, schedule and
 * early-stopping state, history). `fingerprint` ties it to one config and data set.
 */
const checkpointSchema = z.object({
  format: z.literal('edgeforge-checkpoint'),
  version: z.literal(1),
  fingerprint: z.string(),
  epoch: z.int().min(1),
  weights: z.record(z.string(), z.string()),
  bestWeights: z.record(z.string(), z.string()).optional(),
  optimizer: z.unknown(),
  schedule: z.unknown(),
  earlyStopping: z.object({ best: z.number().nullable(), bestEpoch: z.int(), wait: z.int() }).optional(),
  history: z.array(z.custom<EpochRecord>((value) => typeof value === 'object' && value !== null)),
});

export type Checkpoint = z.infer<typeof checkpointSchema>;

export async function saveCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(checkpoint));
}

/** The checkpoint in `file`, or undefined when there is none. A damaged one is an error. */
export async function loadCheckpoint(file: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = checkpointSchema.safeParse(raw);
  if (!parsed.success) {
    throw new EdgeforgeError('is not a readable edgeforge checkpoint', {
      file,
      fix: 'Delete it to start training from the beginning',
    });
  }
  return parsed.data;
}
