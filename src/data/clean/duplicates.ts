/**
 * Pairs of columns holding identical values in every kept row. Every pair starts as a
 * candidate and is struck off at its first difference, so after a few rows almost nothing
 * is left to compare: exact, with no hashing.
 */
export class DuplicateColumns {
  /** Candidate pairs as flat [a0, b0, a1, b1, ...]; undefined until the first row. */
  private pairs: Int32Array | undefined;
  private pairCount = 0;

  constructor(private readonly names: readonly string[]) {}

  /** One row: values[offset + c] for each column c. */
  add(values: Float64Array, offset: number): void {
    if (!this.pairs) {
      this.start(values, offset);
      return;
    }
    const pairs = this.pairs;
    let kept = 0;
    for (let p = 0; p < this.pairCount; p++) {
      const a = pairs[2 * p];
      const b = pairs[2 * p + 1];
      if (values[offset + a] !== values[offset + b]) continue;
      pairs[2 * kept] = a;
      pairs[2 * kept + 1] = b;
      kept++;
    }
    this.pairCount = kept;
  }

  /** First row: only columns with equal values can be duplicates (grouped, not all pairs compared). */
  private start(values: Float64Array, offset: number): void {
    const byValue = new Map<number, number[]>();
    for (let c = 0; c < this.names.length; c++) {
      const value = values[offset + c];
      const group = byValue.get(value);
      if (group) group.push(c);
      else byValue.set(value, [c]);
    }
    const flat: number[] = [];
    for (const group of byValue.values()) {
      for (let i = 0; i < group.length; i++)
        for (let j = i + 1; j < group.length; j++) flat.push(group[i], group[j]);
    }
    this.pairs = Int32Array.from(flat);
    this.pairCount = flat.length / 2;
  }

  result(): [string, string][] {
    const found: [string, string][] = [];
    for (let p = 0; p < this.pairCount; p++) {
      found.push([this.names[this.pairs![2 * p]], this.names[this.pairs![2 * p + 1]]]);
    }
    return found;
  }
}
