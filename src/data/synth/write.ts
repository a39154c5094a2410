import { stat } from 'node:fs/promises';
import { EdgeforgeError } from '../../errors.js';
import { openAtomicWriteStream, type AtomicWriteStream } from '../../util/atomic-write.js';
import { writeCsv } from './csv.js';
import type { SynthOptions } from './options.js';
import { writeParquet } from './parquet.js';
import { synthesize } from './synthesize.js';

export interface SyntheticFile {
  path: string;
  rows: number;
  columns: number;
  bytes: number;
}

/**
 * Generates a synthetic table (see SynthOptions) into `path`: Parquet when the name
 * ends in .parquet, CSV otherwise. The file appears only when complete (written to a
 * temp file, then renamed). `onProgress` hears rows done out of rows in total.
 */
export async function writeSynthetic(
  path: string,
  options: SynthOptions = {},
  onProgress?: (done: number, total: number) => void,
): Promise<SyntheticFile> {
  const table = synthesize(options);
  const writeTable = path.toLowerCase().endsWith('.parquet') ? writeParquet : writeCsv;
  const report = (done: number): void => onProgress?.(done, table.rowCount);
  let sink: AtomicWriteStream | undefined;
  try {
    sink = await openAtomicWriteStream(path);
    await writeTable(sink.write, table, report);
    await sink.commit();
  } catch (error) {
    await sink?.abort();
    throw new EdgeforgeError(
      `cannot write the synthetic data: ${error instanceof Error ? error.message : String(error)}`,
      {
        file: path,
        fix: 'Check that the folder can be written to and the disk has space',
      },
    );
  }
  const { size } = await stat(path);
  return { path, rows: table.rowCount, columns: table.header.length, bytes: size };
}
