import { createHash } from 'node:crypto';

/** A short stable hash of JSON-able values: same inputs, same fingerprint. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
