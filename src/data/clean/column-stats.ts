import type { ColumnStats } from '../types.js';

/**
 * Count, mean, population std, min and max per column over the kept rows, in one pass
 * (Welford's update, which stays accurate where sum-of-squares would cancel).
 */
export class ColumnStatsAccumulator {
  private count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(private readonly names: readonly string[]) {
    const columns = names.length;
    this.mean = new Float64Array(columns);
    this.m2 = new Float64Array(columns);
    this.min = new Float64Array(columns).fill(Infinity);
    this.max = new Float64Array(columns).fill(-Infinity);
  }

  /** One row: values[offset + c] for each column c. */
  add(values: Float64Array, offset: number): void {
    this.count++;
    const n = this.count;
    for (let c = 0; c < this.names.length; c++) {
      const value = values[offset + c];
      const delta = value - this.mean[c];
      this.mean[c] += delta / n;
      this.m2[c] += delta * (value - this.mean[c]);
      if (value < this.min[c]) this.min[c] = value;
      if (value > this.max[c]) this.max[c] = value;
    }
  }

  stats(): ColumnStats[] {
    return this.names.map((name, c) => ({
      name,
      count: this.count,
      mean: this.count > 0 ? this.mean[c] : NaN,
      std: this.count > 0 ? Math.sqrt(this.m2[c] / this.count) : NaN,
      min: this.count > 0 ? this.min[c] : NaN,
      max: this.count > 0 ? this.max[c] : NaN,
    }));
  }

  /** Columns with one value in every kept row: useless as features, worth a warning. */
  constantColumns(): string[] {
    return this.names.filter((_, c) => this.count > 0 && this.min[c] === this.max[c]);
  }
}
