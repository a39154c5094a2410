/**
 * Guess a CSV export's dialect from its first lines: which delimiter, and whether numbers
 * use a decimal comma. Quotes are respected, so a delimiter inside "a;b" is not counted.
 */
export type Delimiter = ',' | ';' | '\t';

export interface CsvDialect {
  delimiter: Delimiter;
  decimal: '.' | ',';
}

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];
const SAMPLE_LINES = 50;
const QUOTE = '"';

/**
 * Records of `text` (a file's first chunk), split on line breaks (LF, CRLF or CR) outside
 * quotes, blank ones skipped. The last, possibly cut-off record is left out unless
 * `complete` says the chunk is the whole file.
 */
function sampleRecords(text: string, complete: boolean): string[] {
  const records: string[] = [];
  const keep = (record: string): void => {
    if (record.trim() !== '') records.push(record);
  };
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length && records.length < SAMPLE_LINES; i++) {
    const char = text[i];
    if (char === QUOTE) inQuotes = !inQuotes;
    else if ((char === '\n' || char === '\r') && !inQuotes) {
      keep(text.slice(start, i));
      start = i + 1;
    }
  }
  if (complete && records.length < SAMPLE_LINES) keep(text.slice(start));
  return records;
}

/** The cells of one record; a doubled quote inside quotes is one quote (RFC 4180). */
function splitRecord(record: string, delimiter: Delimiter): string[] {
  const cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  for (let i = 0; i < record.length; i++) {
    const char = record[i];
    if (char === QUOTE) {
      if (inQuotes && record[i + 1] === QUOTE) {
        cell += QUOTE;
        i++;
      } else inQuotes = !inQuotes;
    } else if (char === delimiter && !inQuotes) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

/**
 * The delimiter that splits every sampled record into the same number (> 1) of cells,
 * preferring more cells; ties go to the order ',', ';', tab. With no consistent candidate
 * (a ragged file, which the parser then reports), the one splitting the header most wins.
 */
function chooseDelimiter(records: string[]): Delimiter {
  if (records.length === 0) return ',';
  let best: Delimiter | undefined;
  let bestCells = 1;
  for (const delimiter of DELIMITERS) {
    const counts = records.map((record) => splitRecord(record, delimiter).length);
    const consistent = counts.every((count) => count === counts[0]);
    if (consistent && counts[0]! > bestCells) {
      best = delimiter;
      bestCells = counts[0]!;
    }
  }
  if (best) return best;
  const header = records[0] ?? '';
  let fallback: Delimiter = ',';
  let fallbackCells = 1;
  for (const delimiter of DELIMITERS) {
    const cells = splitRecord(header, delimiter).length;
    if (cells > fallbackCells) {
      fallback = delimiter;
      fallbackCells = cells;
    }
  }
  return fallback;
}

const COMMA_DECIMAL = /^\s*[-+]?\d*,\d+([eE][-+]?\d+)?\s*$/;
const DOT_DECIMAL = /^\s*[-+]?\d*\.\d+([eE][-+]?\d+)?\s*$/;

/** ',' when data cells written like "1,25" outnumber those like "1.25" (never with ',' as delimiter). */
function chooseDecimal(records: string[], delimiter: Delimiter): '.' | ',' {
  if (delimiter === ',') return '.';
  let commas = 0;
  let dots = 0;
  for (const record of records.slice(1)) {
    for (const cell of splitRecord(record, delimiter)) {
      if (COMMA_DECIMAL.test(cell)) commas++;
      else if (DOT_DECIMAL.test(cell)) dots++;
    }
  }
  return commas > dots ? ',' : '.';
}

/** The dialect of a CSV file whose first chunk (BOM already removed) is `text`. */
export function detectDialect(text: string, complete: boolean): CsvDialect {
  const records = sampleRecords(text, complete);
  const delimiter = chooseDelimiter(records);
  return { delimiter, decimal: chooseDecimal(records, delimiter) };
}
