import { fillGap } from '../clean/interpolate.js';

const INITIAL_ROWS = 256;

/**
 * The rows of one recording that windows may still need, as numbers, with linear
 * interpolation of missing cells (NaN) along each channel. A cell can only be filled once
 * the next valid value of its channel arrives, so rows become "resolved" in order, and
 * only resolved rows are windowed. Rows no window needs any more are discarded, which keeps
 * the buffer at about a window's length however long the recording is.
 */
export class RecordingBuffer {
  /** Rows pushed: the recording's kept rows so far. */
  total = 0;
  /** Rows [0, resolved) have a value in every cell. */
  resolved = 0;
  /** Cells filled by interpolation. */
  interpolated = 0;
  /** values[(r - first) * channels + c] is channel c of recording row r. */
  values: Float64Array;
  private labels: Int32Array;
  private records: (readonly string[])[] = [];
  private first = 0;
  /** Per channel: the last valid value, and the first row of the gap after it (-1: no gap). */
  private readonly lastValid: Float64Array;
  private readonly seenValid: Uint8Array;
  private readonly gapFrom: Int32Array;

  constructor(private readonly channels: number) {
    this.values = new Float64Array(INITIAL_ROWS * channels);
    this.labels = new Int32Array(INITIAL_ROWS);
    this.lastValid = new Float64Array(channels);
    this.seenValid = new Uint8Array(channels);
    this.gapFrom = new Int32Array(channels).fill(-1);
  }

  /** Where recording row r's values start in `values`. */
  offset(row: number): number {
    return (row - this.first) * this.channels;
  }

  label(row: number): number {
    return this.labels[row - this.first];
  }

  /** The row as read, for its meta values. */
  record(row: number): readonly string[] {
    return this.records[row - this.first];
  }

  /** Appends a row; NaN cells wait for interpolation. */
  push(values: Float64Array, label: number, record: readonly string[]): void {
    const row = this.total;
    const slot = row - this.first;
    if (slot === this.labels.length) this.grow();
    this.labels[slot] = label;
    this.records.push(record);
    for (let c = 0; c < this.channels; c++) {
      const value = values[c];
      this.values[slot * this.channels + c] = value;
      if (Number.isNaN(value)) {
        if (this.gapFrom[c] < 0) this.gapFrom[c] = row;
        continue;
      }
      if (this.gapFrom[c] >= 0) this.closeGap(c, row, value);
      this.lastValid[c] = value;
      this.seenValid[c] = 1;
    }
    this.total = row + 1;
    this.resolved = this.firstOpenGap(this.total);
  }

  /** The first row still waiting for a value in some channel (at most `limit`). */
  private firstOpenGap(limit: number): number {
    let first = limit;
    for (let c = 0; c < this.channels; c++)
      if (this.gapFrom[c] >= 0) first = Math.min(first, this.gapFrom[c]);
    return first;
  }

  /** Fill channel c's gap [gapFrom, end) up to the valid value `after` (or from the last valid one). */
  private closeGap(c: number, end: number, after: number | undefined): void {
    const from = this.gapFrom[c];
    const before = this.seenValid[c] ? this.lastValid[c] : undefined;
    fillGap(this.values, this.offset(from) + c, this.channels, end - from, before, after);
    this.interpolated += end - from;
    this.gapFrom[c] = -1;
  }

  /**
   * The recording has ended: trailing gaps take the last valid value. Returns false when a
   * channel never had a valid value, so nothing can be interpolated and no row is usable.
   */
  close(): boolean {
    for (let c = 0; c < this.channels; c++) {
      if (this.gapFrom[c] < 0) continue;
      if (!this.seenValid[c]) return false;
      this.closeGap(c, this.total, undefined);
    }
    this.resolved = this.total;
    return true;
  }

  /** Forget rows before `row`: every window and statistic that needs them is done. */
  discardBefore(row: number): void {
    const drop = Math.min(row, this.total) - this.first;
    // Shift only when the dead rows are at least half the buffer, so each row moves O(1) times.
    if (drop < INITIAL_ROWS || drop * 2 < this.total - this.first) return;
    const live = this.total - this.first - drop;
    this.values.copyWithin(0, drop * this.channels, (drop + live) * this.channels);
    this.labels.copyWithin(0, drop, drop + live);
    this.records.splice(0, drop);
    this.first += drop;
  }

  private grow(): void {
    const rows = this.labels.length * 2;
    const values = new Float64Array(rows * this.channels);
    values.set(this.values);
    this.values = values;
    const labels = new Int32Array(rows);
    labels.set(this.labels);
    this.labels = labels;
  }
}
