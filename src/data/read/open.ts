import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { EdgeforgeError } from '../../errors.js';
import { openCsv } from './csv.js';
import { openParquet } from './parquet.js';
import type { RowSource } from './source.js';

const FIRST_CHUNK_BYTES = 64 * 1024;
const PARQUET_EXTENSIONS = new Set(['.parquet', '.pq']);
const PARQUET_MAGIC = 'PAR1';

function unreadable(error: unknown, file: string): EdgeforgeError {
  const code = (error as NodeJS.ErrnoException).code;
  const problem = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`;
  return new EdgeforgeError(problem, { file, fix: 'Check the path and that the file is readable' });
}

async function fileSize(file: string): Promise<number> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw unreadable(error, file);
  }
  if (info.isDirectory()) {
    throw new EdgeforgeError('this is a directory, not a data file', {
      file,
      fix: 'Name a .csv or .parquet file inside it',
    });
  }
  if (info.size === 0) {
    throw new EdgeforgeError('the file is empty', { file, fix: 'Write a header line and data rows into it' });
  }
  return info.size;
}

async function readFirstChunk(file: string, size: number): Promise<Uint8Array> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw unreadable(error, file);
  });
  try {
    const chunk = new Uint8Array(Math.min(size, FIRST_CHUNK_BYTES));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, 0);
    return chunk.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function startsWithParquetMagic(chunk: Uint8Array): boolean {
  return new TextDecoder().decode(chunk.subarray(0, PARQUET_MAGIC.length)) === PARQUET_MAGIC;
}

/**
 * A reader for `file`, chosen by its content: Parquet files start with the magic "PAR1",
 * anything else is read as CSV text (.csv, .tsv, .txt or no telling name). A .parquet name
 * on a file without the magic is refused rather than parsed as text.
 */
export async function openSource(
  file: string,
  onProgress?: (done: number, total: number) => void,
): Promise<RowSource> {
  const size = await fileSize(file);
  const firstChunk = await readFirstChunk(file, size);
  const extension = extname(file).toLowerCase();
  const parquetByContent = startsWithParquetMagic(firstChunk);
  if (PARQUET_EXTENSIONS.has(extension) && !parquetByContent) {
    throw new EdgeforgeError(
      `the file is named ${extension} but does not start with the Parquet magic "PAR1"`,
      {
        file,
        place: 'byte 0',
        fix: 'Rename it to .csv if it is CSV text, or write it again as Parquet',
      },
    );
  }
  if (parquetByContent) return openParquet({ file, size, onProgress });
  return openCsv({ file, size, firstChunk, onProgress });
}
