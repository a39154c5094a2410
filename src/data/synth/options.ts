import { UsageError } from '../../errors.js';
import type { ClassScheme } from './conditions.js';

export type SynthLayout = 'wide' | 'long';

/**
 * What `synthesize` and `writeSynthetic` generate. Every field is optional.
 *
 * - `layout`: 'wide' (default) gives one row per window with columns s0..s{length-1};
 *   'long' gives one row per time step of two accelerometer axes, grouped in recordings.
 * - `rows`: wide: number of windows (default 6000); long: number of time steps in
 *   total (default 409600 = 200 recordings of 2048), the last recording may be shorter.
 * - `length`: wide: samples per window (default 64); long: samples per recording
 *   (default 2048). At least 8.
 * - `seed`: integer -2147483648..4294967295 (default 42); the same options and seed give the same table.
 * - `difficulty`: 0 (easy) .. 1 (hard), default 0.5: how far fault severity reaches down
 *   into the noise and how many stray impacts healthy machines see.
 * - `classes`: 'binary' (default): fault_label 0 healthy, 1 any fault (half the rows);
 *   'multiclass': fault_label 0 healthy, 1 inner race, 2 outer race, 3 ball.
 * - `missingRate`: share of rows with one empty sensor cell, 0..0.5
 *   (default 0.015 wide, 0.001 long).
 */
export interface SynthOptions {
  layout?: SynthLayout;
  rows?: number;
  length?: number;
  seed?: number;
  difficulty?: number;
  classes?: ClassScheme;
  missingRate?: number;
}

export type ResolvedSynthOptions = Required<SynthOptions>;

const MAX_ROWS = 1_000_000_000;
const MAX_LENGTH = 1_000_000;
const MIN_SEED = -0x80000000;
const MAX_SEED = 0xffffffff;

const DEFAULTS: Record<SynthLayout, Omit<ResolvedSynthOptions, 'layout'>> = {
  wide: { rows: 6000, length: 64, seed: 42, difficulty: 0.5, classes: 'binary', missingRate: 0.015 },
  long: { rows: 409_600, length: 2048, seed: 42, difficulty: 0.5, classes: 'binary', missingRate: 0.001 },
};

/** Fills in defaults and rejects values out of range with a UsageError naming the option. */
export function resolveSynthOptions(options: SynthOptions): ResolvedSynthOptions {
  const layout = oneOf('layout', options.layout ?? 'wide', ['wide', 'long'] as const);
  const defaults = DEFAULTS[layout];
  const resolved: ResolvedSynthOptions = { layout, ...defaults };
  if (options.rows !== undefined) resolved.rows = integerIn('rows', options.rows, 1, MAX_ROWS);
  if (options.length !== undefined) resolved.length = integerIn('length', options.length, 8, MAX_LENGTH);
  if (options.seed !== undefined) resolved.seed = integerIn('seed', options.seed, MIN_SEED, MAX_SEED);
  if (options.difficulty !== undefined)
    resolved.difficulty = numberIn('difficulty', options.difficulty, 0, 1);
  if (options.classes !== undefined)
    resolved.classes = oneOf('classes', options.classes, ['binary', 'multiclass'] as const);
  if (options.missingRate !== undefined)
    resolved.missingRate = numberIn('missingRate', options.missingRate, 0, 0.5);
  return resolved;
}

function integerIn(name: string, value: unknown, low: number, high: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high) return value;
  throw rangeError(name, value, `a whole number from ${low} to ${high}`);
}

function numberIn(name: string, value: unknown, low: number, high: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= low && value <= high) return value;
  throw rangeError(name, value, `a number from ${low} to ${high}`);
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  const match = allowed.find((choice) => choice === value);
  if (match !== undefined) return match;
  throw rangeError(name, value, `one of ${allowed.join(', ')}`);
}

function rangeError(name: string, value: unknown, allowed: string): UsageError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new UsageError(`${name} is ${shown}, it must be ${allowed}`, {
    place: `synth option ${name}`,
    fix: `Give ${name} ${allowed}`,
  });
}
