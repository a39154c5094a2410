import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreparedData } from '../../src/data/prepare.js';

/** Writes a prepared split as raw arrays + split.json, the format the peer scripts read. */
export async function writeSplitFiles(
  folder: string,
  prepared: PreparedData,
  settings: { epochs: number; batch: number },
): Promise<void> {
  await mkdir(folder, { recursive: true });
  const parts = { train: prepared.train, validation: prepared.validation, test: prepared.test };
  const counts: Record<string, number> = {};
  for (const [name, data] of Object.entries(parts)) {
    counts[name] = data.count;
    await writeFile(
      join(folder, `${name}.x.bin`),
      new Uint8Array(data.x.buffer, data.x.byteOffset, data.x.byteLength),
    );
    await writeFile(
      join(folder, `${name}.y.bin`),
      new Uint8Array(data.y.buffer, data.y.byteOffset, data.y.byteLength),
    );
  }
  const { steps, channels } = prepared.train;
  await writeFile(join(folder, 'split.json'), JSON.stringify({ steps, channels, counts, ...settings }));
}
