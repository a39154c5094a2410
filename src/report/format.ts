/** How numbers read in the report's tables: one place, so every section formats alike. */

export const MISSING = '—';

/** A fraction (0..1) as a percentage with two decimals: 0.9375 -> "93.75 %". */
export function percent(fraction: number | undefined, digits = 2): string {
  return fraction === undefined ? MISSING : `${(fraction * 100).toFixed(digits)} %`;
}

/** A score in 0..1 with four decimals. */
export function score(value: number | undefined): string {
  return value === undefined ? MISSING : value.toFixed(4);
}

/** Milliseconds with three decimals; below 10 µs (compiled C) in microseconds, so digits remain. */
export function milliseconds(value: number | undefined): string {
  if (value === undefined) return MISSING;
  return value < 0.01 ? `${(value * 1000).toFixed(2)} µs` : `${value.toFixed(3)} ms`;
}

/** Bytes in binary units above 1 KiB: 20480 -> "20.0 KiB". */
export function bytes(value: number | undefined): string {
  if (value === undefined) return MISSING;
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let scaled = Math.abs(value);
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  const sign = value < 0 ? '-' : '';
  return unit === 0 ? `${value} B` : `${sign}${scaled.toFixed(1)} ${units[unit]}`;
}

/** A count with thousands separators: 1234567 -> "1,234,567". */
export function count(value: number | undefined): string {
  return value === undefined ? MISSING : Math.round(value).toLocaleString('en-US');
}

/** A plain number, short: integers as is, others with up to four significant decimals. */
export function plain(value: number | undefined): string {
  if (value === undefined) return MISSING;
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
