import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { ChunkWriter, SynthColumn, SynthTable } from './table.js';

/** Cells per row group: bounds the memory a group holds before it goes to disk. */
const CELLS_PER_GROUP = 2_000_000;

/** A parquet byte sink that hands each finished row group on and reuses its buffer. */
class StreamingByteWriter extends ByteWriter {
  constructor(private readonly write: ChunkWriter) {
    super(1 << 20);
  }

  flush(): Promise<void> {
    const bytes = this.getBytes().slice();
    this.index = 0;
    return this.write(bytes);
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

function schemaElement(column: SynthColumn): SchemaElement {
  switch (column.kind) {
    case 'real':
      return {
        name: column.name,
        type: 'DOUBLE',
        repetition_type: column.hasMissing ? 'OPTIONAL' : 'REQUIRED',
      };
    case 'int':
      return { name: column.name, type: 'INT32', repetition_type: 'REQUIRED' };
    case 'text':
      return { name: column.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' };
  }
}

/** Streams the table as Parquet, one row group at a time; a missing cell becomes null. */
export async function writeParquet(
  write: ChunkWriter,
  table: SynthTable,
  onProgress: (done: number) => void,
): Promise<void> {
  const { columns } = table;
  const schema: SchemaElement[] = [
    { name: 'root', num_children: columns.length },
    ...columns.map(schemaElement),
  ];
  const writer = new ParquetWriter({
    writer: new StreamingByteWriter(write),
    schema,
    createdBy: 'edgeforge',
  });
  const groupRows = Math.max(1, Math.floor(CELLS_PER_GROUP / columns.length));
  let group: unknown[][] = columns.map(() => []);
  let done = 0;
  const flushGroup = async (): Promise<void> => {
    const columnData = columns.map((column, i) => ({ name: column.name, data: group[i] }));
    await writer.write({ columnData, rowGroupSize: group[0].length });
    group = columns.map(() => []);
    onProgress(done);
  };
  for (const row of table.rows()) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      group[i].push(typeof cell === 'number' && Number.isNaN(cell) ? null : cell);
    }
    done++;
    if (group[0].length === groupRows) await flushGroup();
  }
  if (group[0].length > 0) await flushGroup();
  await writer.finish();
}
