/**
 * Where a live stream's lines come from: a readable stream (stdin, a file), or a file that
 * another process keeps appending to, followed like `tail -f` until the signal aborts.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { EdgeforgeError } from '../errors.js';

/** Lines of `input` as they arrive (LF or CRLF), ending with the input or when `signal` aborts. */
export async function* readLines(input: Readable, signal?: AbortSignal): AsyncGenerator<string> {
  if (signal?.aborted) return;
  const lines = createInterface({ input, crlfDelay: Infinity });
  const stop = (): void => {
    lines.close();
    input.destroy();
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of lines) yield line;
  } finally {
    signal?.removeEventListener('abort', stop);
    lines.close();
  }
}

const CHUNK_BYTES = 64 * 1024;

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

async function openForFollow(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EdgeforgeError(code === 'ENOENT' ? 'input file not found' : `cannot read the input (${code})`, {
      file,
      fix: 'Check the path; --follow waits for new lines in an existing file',
    });
  }
}

/**
 * Every line of `file` from its start, then each line appended later, polling every
 * `pollMs`; a line still being written (no line break yet) waits for its end. A file cut
 * shorter (truncated, rewritten) is read again from its start. Ends when `signal` aborts.
 */
export async function* followLines(file: string, signal: AbortSignal, pollMs = 200): AsyncGenerator<string> {
  const handle = await openForFollow(file);
  let decoder = new TextDecoder();
  const chunk = new Uint8Array(CHUNK_BYTES);
  let position = 0;
  let pending = '';
  try {
    while (!signal.aborted) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead > 0) {
        position += bytesRead;
        const lines = (pending + decoder.decode(chunk.subarray(0, bytesRead), { stream: true })).split('\n');
        pending = lines.pop()!;
        for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
        continue;
      }
      if ((await handle.stat()).size < position) {
        position = 0;
        pending = '';
        decoder = new TextDecoder();
      }
      await pause(pollMs, signal);
    }
  } finally {
    await handle.close();
  }
}
