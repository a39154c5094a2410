import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { EdgeforgeError } from '../../errors.js';
import { normalizeHeader } from './header.js';
import type { RowSource } from './source.js';

export interface ParquetInput {
  file: string;
  size: number;
  onProgress?: (done: number, total: number) => void;
}

/** A Parquet value as the text a CSV cell would hold, so both formats share one path. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner));
}

async function readMetadata(file: string): Promise<{ metadata: FileMetaData; buffer: AsyncBuffer }> {
  const buffer = await asyncBufferFromFile(file);
  try {
    return { metadata: await parquetMetadataAsync(buffer), buffer };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EdgeforgeError(`unreadable Parquet file: ${reason}`, {
      file,
      place: 'footer',
      fix: 'Write the file again (it may be truncated or not Parquet)',
    });
  }
}

/**
 * A Parquet reader over hyparquet: the footer metadata first, then one row group at a time,
 * so a large file is never decoded whole. Only flat schemas (one value per column) are read.
 */
export async function openParquet(input: ParquetInput): Promise<RowSource> {
  const { file, size, onProgress } = input;
  const { metadata, buffer } = await readMetadata(file);
  const schema = parquetSchema(metadata);
  const nested = schema.children.find((child) => child.children.length > 0);
  if (nested) {
    throw new EdgeforgeError(`column '${nested.element.name}' is nested (a struct, list or map)`, {
      file,
      place: `column '${nested.element.name}'`,
      fix: 'Flatten it into plain columns before ingesting',
    });
  }
  const columns = normalizeHeader(
    schema.children.map((child) => child.element.name),
    file,
  );
  const groupSizes = metadata.row_groups.map((group) => Number(group.num_rows));
  const groupBytes = metadata.row_groups.map((group) =>
    Number(group.total_compressed_size ?? group.total_byte_size),
  );
  const totalBytes = groupBytes.reduce((sum, bytes) => sum + bytes, 0) || 1;

  return {
    format: 'parquet',
    columns,
    maxRows: Number(metadata.num_rows),
    async *batches() {
      let rowStart = 0;
      let bytesDone = 0;
      for (const [group, rowCount] of groupSizes.entries()) {
        let rows: unknown[][] = [];
        await parquetRead({
          file: buffer,
          metadata,
          rowStart,
          rowEnd: rowStart + rowCount,
          rowFormat: 'array',
          onComplete: (decoded: unknown[][]) => {
            rows = decoded;
          },
        });
        rowStart += rowCount;
        bytesDone += groupBytes[group]!;
        onProgress?.(Math.round((bytesDone / totalBytes) * size), size);
        yield rows.map((row) => row.map(cellText));
      }
    },
    close() {
      // Every read opens and closes its own file handle: nothing stays open.
    },
  };
}
