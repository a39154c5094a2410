import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/** A sibling temp path, so the final rename stays on one file system. */
function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

/** Write a whole file so readers see either the old file or the complete new one, never half of it. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A stream to a temp file that becomes `path` on commit() and disappears on abort(). */
export interface AtomicWriteStream {
  stream: WriteStream;
  write(chunk: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openAtomicWriteStream(path: string): Promise<AtomicWriteStream> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  const stream = createWriteStream(temp);
  const closed = (): Promise<void> =>
    new Promise((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  return {
    stream,
    async write(chunk) {
      // Wait for 'drain' when the buffer is full; once() removes its listeners either way.
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async commit() {
      await closed();
      await rename(temp, path);
    },
    async abort() {
      stream.destroy();
      await rm(temp, { force: true });
    },
  };
}
