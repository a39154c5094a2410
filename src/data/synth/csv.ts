import type { ChunkWriter, SynthCell, SynthColumn, SynthTable } from './table.js';

/** Characters gathered before one write to the file. */
const CHUNK_CHARS = 1 << 16;

type CellFormat = (cell: SynthCell) => string;

/** ',' between cells, '.' decimals, an empty cell where a value is missing. */
function cellFormat(column: SynthColumn): CellFormat {
  if (column.kind === 'real') {
    const { decimals } = column;
    return (cell) => (typeof cell === 'number' && !Number.isNaN(cell) ? cell.toFixed(decimals) : '');
  }
  // Labels and ids are plain integers or identifiers without commas or quotes.
  return (cell) => String(cell);
}

/** Streams the table as CSV with a header row. */
export async function writeCsv(
  write: ChunkWriter,
  table: SynthTable,
  onProgress: (done: number) => void,
): Promise<void> {
  const formats = table.columns.map(cellFormat);
  let chunk = `${table.header.join(',')}\n`;
  let done = 0;
  for (const row of table.rows()) {
    chunk += `${row.map((cell, i) => formats[i](cell)).join(',')}\n`;
    done++;
    if (chunk.length >= CHUNK_CHARS) {
      await write(chunk);
      chunk = '';
      onProgress(done);
    }
  }
  await write(chunk);
  onProgress(done);
}
