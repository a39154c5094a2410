/** Rows dropped, by reason: every row read is either kept or counted here exactly once. */
export class DropTally {
  readonly reasons: Record<string, number> = {};
  total = 0;

  add(reason: string, rows = 1): void {
    if (rows <= 0) return;
    this.reasons[reason] = (this.reasons[reason] ?? 0) + rows;
    this.total += rows;
  }

  /** "missing cell: 3, NaN cell: 1", for error messages. */
  summary(): string {
    return Object.entries(this.reasons)
      .map(([reason, rows]) => `${reason}: ${rows}`)
      .join(', ');
  }
}
