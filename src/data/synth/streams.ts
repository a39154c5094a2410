import { Random } from '../../util/random.js';

/**
 * Independent random streams of one synthesis, so that changing one knob (say the
 * missing-cell rate) leaves everything else in the table exactly as it was.
 */
export interface SynthStreams {
  conditions: Random;
  signal: Random;
  missing: Random;
}

export function synthStreams(seed: number): SynthStreams {
  const root = new Random(seed);
  return { conditions: root.fork(), signal: root.fork(), missing: root.fork() };
}
