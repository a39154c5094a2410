import type { ColumnStats } from '../types.js';
import { ColumnStatsAccumulator } from './column-stats.js';
import { DuplicateColumns } from './duplicates.js';

export interface ColumnProfileResult {
  featureStats: ColumnStats[];
  constantColumns: string[];
  duplicatedColumns: [string, string][];
}

/** Everything the report says about the feature columns (wide) or channels (long), row by kept row. */
export class ColumnProfile {
  private readonly stats: ColumnStatsAccumulator;
  private readonly duplicates: DuplicateColumns;

  constructor(names: readonly string[]) {
    this.stats = new ColumnStatsAccumulator(names);
    this.duplicates = new DuplicateColumns(names);
  }

  /** One kept row: values[offset + c] for each column c. */
  add(values: Float64Array, offset: number): void {
    this.stats.add(values, offset);
    this.duplicates.add(values, offset);
  }

  result(): ColumnProfileResult {
    return {
      featureStats: this.stats.stats(),
      constantColumns: this.stats.constantColumns(),
      duplicatedColumns: this.duplicates.result(),
    };
  }
}
