import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { followLines, readLines } from '../../src/predict/line-source.js';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const seen: string[] = [];
  for await (const line of lines) seen.push(line);
  return seen;
}

test('readLines splits LF and CRLF across chunk boundaries and ends with the input', async () => {
  assert.deepEqual(await collect(readLines(Readable.from(['1,2\n3,', '4\r\n5,6']))), ['1,2', '3,4', '5,6']);
});

test('readLines ends when the signal aborts, though the input stays open', async () => {
  const input = new PassThrough();
  const controller = new AbortController();
  const seen: string[] = [];
  const done = (async () => {
    for await (const line of readLines(input, controller.signal)) {
      seen.push(line);
      if (seen.length === 2) controller.abort();
    }
  })();
  input.write('a\nb\n');
  await done;
  assert.deepEqual(seen, ['a', 'b']);
});

test('followLines reads the file, then appended lines once they end, restarts after truncation, stops on abort', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'edgeforge-follow-')), 'readings.log');
  await writeFile(file, 'h\n1\n');
  const controller = new AbortController();
  const seen: string[] = [];
  const waitFor = async (count: number): Promise<void> => {
    for (let tries = 0; seen.length < count && tries < 200; tries++)
      await new Promise((r) => setTimeout(r, 10));
  };
  const done = (async () => {
    for await (const line of followLines(file, controller.signal, 10)) seen.push(line);
  })();
  await waitFor(2);
  await appendFile(file, '2\r\n3');
  await waitFor(3);
  // '3' has no line break yet: it waits for the writer to finish the line.
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(seen, ['h', '1', '2']);
  await appendFile(file, '4\n');
  await waitFor(4);
  await writeFile(file, 'x\n');
  await waitFor(5);
  controller.abort();
  await done;
  assert.deepEqual(seen, ['h', '1', '2', '34', 'x']);
});

test('followLines refuses a file that does not exist', async () => {
  await assert.rejects(
    collect(followLines('/nonexistent/readings.log', new AbortController().signal)),
    /input file not found/,
  );
});
