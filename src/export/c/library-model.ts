/** What the header, the source's API part, the example and the README all need to know about the library. */
import type { Preprocessing } from '../../graph/types.js';

export type IoType = 'int8' | 'float32';

export interface LibraryModel {
  /** The C identifier prefixing every public name, and its upper-case form for macros. */
  name: string;
  upper: string;
  inputType: IoType;
  outputType: IoType;
  inputCount: number;
  outputCount: number;
  /** Per-tensor quantization of an int8 input / output (what the float convenience call applies). */
  inputQuant?: { scale: number; zeroPoint: number };
  outputQuant?: { scale: number; zeroPoint: number };
  /** Values per time step of the streaming call, or why the model has none. */
  streaming: { stepInputCount: number } | { reason: string };
  arenaBytes: number;
  stateBytes: number;
  flashBytes: number;
  /** CRC-32 of the model's .efg encoding, as 8 hex digits. */
  hash: string;
  source: string;
  task: string;
  classes: string[];
  preprocessing?: Preprocessing;
  /** Float kernels call exp(): link with -lm. */
  libm: boolean;
  /** Float kernels accumulate in ef_acc_t (double, or float with EDGEFORGE_FLOAT_SINGLE). */
  floatKernels: boolean;
}

export const GENERATOR_VERSION = 1;

export function cType(type: IoType): string {
  return type === 'int8' ? 'int8_t' : 'float';
}
