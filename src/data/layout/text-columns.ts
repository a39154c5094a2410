import { badCellReason, parseNumber } from '../read/number.js';

/** Rows looked at to decide which columns hold text. */
export const SNIFF_ROWS = 1000;

/**
 * Indices of the columns whose non-empty cells in `rows` are mostly not numbers: names,
 * ids like "rec_07", dates. Such a column is left out of the features as a whole instead of
 * turning into a bad cell in every row. Spellings of NaN, Inf and "missing" count as numeric.
 */
export function findTextColumns(
  rows: readonly string[][],
  columnCount: number,
  decimalComma: boolean,
): Set<number> {
  const text = new Set<number>();
  for (let c = 0; c < columnCount; c++) {
    let filled = 0;
    let words = 0;
    for (const row of rows) {
      const cell = row[c];
      if (Number.isFinite(parseNumber(cell, decimalComma))) {
        filled++;
        continue;
      }
      const reason = badCellReason(cell, decimalComma);
      if (reason === 'missing cell') continue;
      filled++;
      if (reason === 'non-numeric cell') words++;
    }
    if (words * 2 > filled) text.add(c);
  }
  return text;
}
