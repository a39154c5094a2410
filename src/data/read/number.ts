/**
 * Fast decimal parsing for CSV cells, which arrive as strings. Number() would do, but
 * it does not know the decimal comma, and a hand loop avoids building a second string per cell.
 */

/** Exact powers of ten: every one up to 1e22 is representable in a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** More significant digits than this may not fit a double's 53-bit mantissa exactly. */
const MAX_EXACT_DIGITS = 15;

const SPACE = 32;
const TAB = 9;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const COMMA = 44;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

/**
 * The number in `text`, or NaN when the cell is not a plain decimal number (empty, text,
 * "NaN"). Surrounding blanks are allowed; `decimalComma` also accepts ',' as the decimal point.
 * Up to 15 significant digits and exponents up to 22 are exact in one rounding (the classic
 * fast path); anything longer falls back to Number(), which rounds correctly.
 */
export function parseNumber(text: string, decimalComma: boolean): number {
  const length = text.length;
  let i = 0;
  while (i < length && isBlank(text.charCodeAt(i))) i++;
  let end = length;
  while (end > i && isBlank(text.charCodeAt(end - 1))) end--;
  if (i === end) return NaN;

  let negative = false;
  const first = text.charCodeAt(i);
  if (first === MINUS || first === PLUS) {
    negative = first === MINUS;
    i++;
  }
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let exponent = 0;
  let code = text.charCodeAt(i);
  for (; i < end && isDigit(code); code = text.charCodeAt(++i)) {
    digits++;
    if (significant > 0 || code !== ZERO) {
      mantissa = mantissa * 10 + (code - ZERO);
      significant++;
    }
  }
  if (i < end && (code === DOT || (decimalComma && code === COMMA))) {
    for (code = text.charCodeAt(++i); i < end && isDigit(code); code = text.charCodeAt(++i)) {
      digits++;
      if (significant > 0 || code !== ZERO) {
        mantissa = mantissa * 10 + (code - ZERO);
        significant++;
      }
      exponent--;
    }
  }
  if (digits === 0) return NaN;
  if (i < end && (code === LOWER_E || code === UPPER_E)) {
    const parsed = parseExponent(text, i + 1, end);
    if (Number.isNaN(parsed)) return NaN;
    exponent += parsed;
    i = end;
  }
  if (i !== end) return NaN;
  if (significant > MAX_EXACT_DIGITS || exponent > 22 || exponent < -22) {
    return slowParse(text, decimalComma);
  }
  const magnitude =
    exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent]! : mantissa / POWERS_OF_TEN[-exponent]!;
  return negative ? -magnitude : magnitude;
}

/** The signed integer in text[start, end), NaN when there is none. */
function parseExponent(text: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  const sign = text.charCodeAt(i);
  if (sign === MINUS || sign === PLUS) {
    negative = sign === MINUS;
    i++;
  }
  if (i === end) return NaN;
  let value = 0;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return NaN;
    // Saturate: 1e400 and 1e-400 still overflow/underflow correctly in slowParse.
    value = Math.min(value * 10 + (code - ZERO), 100000);
  }
  return negative ? -value : value;
}

function slowParse(text: string, decimalComma: boolean): number {
  const normalized = decimalComma ? text.trim().replace(',', '.') : text.trim();
  return Number(normalized);
}

/** Why a feature cell could not be used; these are the keys of IngestReport.dropReasons. */
export type BadCellReason = 'missing cell' | 'NaN cell' | 'Inf cell' | 'non-numeric cell';

const MISSING_WORDS = new Set(['', 'na', 'n/a', 'null', 'none', '-']);
const NAN_PATTERN = /^[+-]?nan$/i;
const INF_PATTERN = /^[+-]?inf(inity)?$/i;

/**
 * Why `text` gave no finite number. Only called on the slow path (a bad cell), so it may
 * build strings. Spreadsheet and pandas spellings of "no value" count as missing.
 */
export function badCellReason(text: string, decimalComma: boolean): BadCellReason {
  const trimmed = text.trim();
  if (MISSING_WORDS.has(trimmed.toLowerCase())) return 'missing cell';
  if (NAN_PATTERN.test(trimmed)) return 'NaN cell';
  if (INF_PATTERN.test(trimmed)) return 'Inf cell';
  const value = parseNumber(trimmed, decimalComma);
  if (value === Infinity || value === -Infinity) return 'Inf cell';
  return 'non-numeric cell';
}
