import { classNames } from './conditions.js';
import { SAMPLE_RATE } from './machine.js';
import type { ResolvedSynthOptions } from './options.js';

/** How a column is stored: 'real' with fixed decimals in CSV and DOUBLE in Parquet, 'int' INT32, 'text' UTF8. */
export type ColumnKind = 'real' | 'int' | 'text';

export type SynthColumn =
  | {
      name: string;
      kind: 'real';
      /** Decimals the values are quantised to (the sensor's resolution), so CSV and Parquet hold the same value. */
      decimals: number;
      /** Whether some cells of this column are left empty. */
      hasMissing: boolean;
    }
  | { name: string; kind: 'int' | 'text'; hasMissing: false };

export type SynthCell = number | string;

/** A generated table whose rows are produced on demand, so large tables stream. */
export interface SynthTable {
  header: string[];
  columns: SynthColumn[];
  /** Row-wise cells, numbers or strings, NaN for a missing cell. Every call starts again from the seed. */
  rows(): Iterable<SynthCell[]>;
  rowCount: number;
  /** Class names indexed by the fault_label value. */
  classes: string[];
  sampleRate: number;
}

/** A table of machine runs with these columns, its rows drawn from the options' seed on every call. */
export function machineTable(
  columns: SynthColumn[],
  options: ResolvedSynthOptions,
  rows: (options: ResolvedSynthOptions) => Iterable<SynthCell[]>,
): SynthTable {
  return {
    header: columns.map((column) => column.name),
    columns,
    rowCount: options.rows,
    classes: classNames(options.classes),
    sampleRate: SAMPLE_RATE,
    rows: () => rows(options),
  };
}

/** Rounds to a fixed number of decimals, as a digital sensor's resolution does. */
export function quantizer(decimals: number): (value: number) => number {
  const scale = 10 ** decimals;
  return (value) => Math.round(value * scale) / scale;
}

/** Appends a chunk to the output file, resolving once the stream can take more. */
export type ChunkWriter = (chunk: string | Uint8Array) => Promise<void>;
