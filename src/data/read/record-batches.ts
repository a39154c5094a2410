import type { Readable } from 'node:stream';

/** Resolves when `stream` has records to read, has ended, or rejects when it failed. */
function readable(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      stream.off('readable', onReadable);
      stream.off('end', onReadable);
      stream.off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    const onReadable = (): void => settle();
    stream.once('readable', onReadable);
    stream.once('end', onReadable);
    stream.once('error', settle);
  });
}

/**
 * Up to `max` records from an object-mode stream, undefined once it has ended. Records are
 * taken with synchronous read() calls while the stream has them buffered: one await per
 * batch, where an async iterator would await every record.
 */
export async function readBatch(stream: Readable, max: number): Promise<string[][] | undefined> {
  const batch: string[][] = [];
  while (batch.length < max) {
    const record: unknown = stream.read();
    if (record !== null) {
      batch.push(record as string[]);
      continue;
    }
    if (stream.errored) throw stream.errored;
    if (stream.readableEnded || batch.length > 0) break;
    await readable(stream);
  }
  return batch.length > 0 ? batch : undefined;
}
