import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { EdgeforgeError } from '../../errors.js';
import { detectDialect } from './dialect.js';
import { normalizeHeader } from './header.js';
import { countLineBreaks } from './line-breaks.js';
import { readBatch } from './record-batches.js';
import { BATCH_ROWS, type RowSource } from './source.js';
import { assertUtf8Text } from './text-check.js';

export interface CsvInput {
  file: string;
  size: number;
  /** The file's first bytes, already read to choose the format. */
  firstChunk: Uint8Array;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The header's cell count as the parser states it ("expect 3, got 4"): a ragged row in the
 * first chunk fails the stream before the header reaches us.
 */
function expectedCells(error: CsvError, known: number): number | string {
  if (known > 0) return known;
  return /expect (\d+)/.exec(error.message)?.[1] ?? 'a different number';
}

/** A parser error as the user should read it: the line (as an editor counts) and the fix. */
function translate(error: unknown, file: string, columns: number): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = typeof error.lines === 'number' ? `line ${error.lines}` : undefined;
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const cells = Array.isArray(error.record) ? error.record.length : 'a different number of';
      return new EdgeforgeError(
        `ragged row: ${cells} cells, the header has ${expectedCells(error, columns)}`,
        {
          file,
          place: line,
          fix: 'Fix or delete that row (a value containing the delimiter must be quoted)',
        },
      );
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return new EdgeforgeError('a quoted value is never closed', {
        file,
        place: line,
        fix: 'Add the closing quote (a quote inside a quoted value is written twice: "")',
      });
    default:
      return new EdgeforgeError(`unreadable CSV: ${error.message}`, {
        file,
        place: line,
        fix: 'Fix the quoting on that line',
      });
  }
}

async function readHeader(
  next: (max: number) => Promise<string[][] | undefined>,
  file: string,
): Promise<string[]> {
  const header = await next(1);
  if (!header) {
    throw new EdgeforgeError('the file has no header line, only blank lines', {
      file,
      place: 'line 1',
      fix: 'Write the column names on the first line',
    });
  }
  return normalizeHeader(header[0], file);
}

/**
 * A streaming CSV reader: the dialect is sniffed from the first chunk, then csv-parse
 * yields string cells (no casting: the layouts parse numbers themselves, and only the
 * columns they use) in batches. Never more than a few batches are held in memory.
 */
export async function openCsv(input: CsvInput): Promise<RowSource> {
  const { file, size, firstChunk, onProgress } = input;
  const complete = firstChunk.length >= size;
  assertUtf8Text(firstChunk, complete, file);
  const dialect = detectDialect(new TextDecoder().decode(firstChunk), complete);
  const maxRows = await countLineBreaks(file, firstChunk);

  const bytes = createReadStream(file, { highWaterMark: 1 << 20 });
  const parser = parse({
    delimiter: dialect.delimiter,
    bom: true,
    skip_empty_lines: true,
    relax_quotes: true,
  });
  let bytesRead = 0;
  bytes.on('data', (chunk) => {
    bytesRead += chunk.length;
    onProgress?.(bytesRead, size);
  });
  // The callback only keeps an error from going unhandled; readBatch rethrows it.
  pipeline(bytes, parser, () => undefined);

  let columnCount = 0;
  const next = async (max: number): Promise<string[][] | undefined> => {
    try {
      return await readBatch(parser, max);
    } catch (error) {
      throw translate(error, file, columnCount);
    }
  };

  const close = (): void => {
    parser.destroy();
    bytes.destroy();
  };
  let columns: string[];
  try {
    columns = await readHeader(next, file);
  } catch (error) {
    close();
    throw error;
  }
  columnCount = columns.length;

  return {
    format: 'csv',
    dialect,
    columns,
    maxRows,
    async *batches() {
      for (let batch = await next(BATCH_ROWS); batch; batch = await next(BATCH_ROWS)) yield batch;
    },
    close,
  };
}
