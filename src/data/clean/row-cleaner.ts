import type { CleanPolicy } from '../types.js';
import { badCellReason, parseNumber } from '../read/number.js';
import { interpolateAlong } from './interpolate.js';

export const NOTHING_TO_INTERPOLATE = 'no valid value to interpolate from';

export interface CleanerSetup {
  policy: CleanPolicy;
  /** The constant for the 'fill' policy. */
  fill: number;
  /** Record index of each feature cell, in feature order. */
  featureIndices: readonly number[];
  decimalComma: boolean;
  /**
   * Long layout: interpolation runs along each channel of a recording, which needs later
   * rows, so bad cells are handed on as NaN. Wide layout: along the row, right here.
   */
  interpolateLater: boolean;
}

/**
 * Turns a record's feature cells into numbers and applies the cleaning policy to the cells
 * that are missing, NaN, Inf or not numbers: drop the row, fill a constant, or interpolate.
 */
export class RowCleaner {
  cellsFilled = 0;
  cellsInterpolated = 0;
  /** Bad cells seen per feature, whatever the policy did with them: names the culprit column in errors. */
  readonly badCells: Int32Array;

  constructor(private readonly setup: CleanerSetup) {
    this.badCells = new Int32Array(setup.featureIndices.length);
  }

  /** Fill `out` with the row's feature values; returns why the row is dropped, or undefined to keep it. */
  clean(record: readonly string[], out: Float64Array): string | undefined {
    const { featureIndices, decimalComma } = this.setup;
    let bad = 0;
    let firstBad = -1;
    for (let f = 0; f < featureIndices.length; f++) {
      const value = parseNumber(record[featureIndices[f]], decimalComma);
      // value - value is 0 for finite numbers only (NaN and ±Infinity give NaN).
      if (value - value === 0) {
        out[f] = value;
        continue;
      }
      out[f] = NaN;
      this.badCells[f]++;
      bad++;
      if (firstBad < 0) firstBad = f;
    }
    if (bad === 0) return undefined;
    return this.treat(record, out, bad, firstBad);
  }

  private treat(
    record: readonly string[],
    out: Float64Array,
    bad: number,
    firstBad: number,
  ): string | undefined {
    const { policy, fill, featureIndices, decimalComma } = this.setup;
    if (policy === 'drop') return badCellReason(record[featureIndices[firstBad]], decimalComma);
    if (policy === 'fill') {
      for (let f = 0; f < featureIndices.length; f++) if (Number.isNaN(out[f])) out[f] = fill;
      this.cellsFilled += bad;
      return undefined;
    }
    if (this.setup.interpolateLater) return undefined;
    const filled = interpolateAlong(out, featureIndices.length);
    if (filled < 0) return NOTHING_TO_INTERPOLATE;
    this.cellsInterpolated += filled;
    return undefined;
  }
}
