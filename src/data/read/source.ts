/**
 * What every reader hands the layouts: the header and the data rows as text cells, in
 * batches, so CSV and Parquet feed one cleaning and windowing path.
 */
import type { CsvDialect } from './dialect.js';

export interface RowSource {
  format: 'csv' | 'parquet';
  /** CSV only: the dialect found in the file. */
  dialect?: CsvDialect;
  /** Column names: trimmed, unique, never empty. */
  columns: string[];
  /**
   * No more data rows than this (CSV: the file's line breaks; Parquet: exact). Lets the
   * layouts reserve their output once instead of growing and copying it.
   */
  maxRows: number;
  /** Data rows in file order, one text cell per column ('' for a missing value). */
  batches(): AsyncIterable<string[][]>;
  /** Stop reading early (after an error): releases the file. */
  close(): void;
}

/** Rows per batch: large enough to amortise the async hand-over, small enough to stay cache-warm. */
export const BATCH_ROWS = 1024;
