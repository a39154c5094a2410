import { longTable } from './long.js';
import { resolveSynthOptions, type SynthOptions } from './options.js';
import type { SynthTable } from './table.js';
import { wideTable } from './wide.js';

/** A synthetic bearing-fault vibration table; rows are generated lazily when iterated. */
export function synthesize(options: SynthOptions = {}): SynthTable {
  const resolved = resolveSynthOptions(options);
  return resolved.layout === 'wide' ? wideTable(resolved) : longTable(resolved);
}
