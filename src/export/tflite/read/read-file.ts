/** Reads a .tflite file from disk into the deploy graph (Node only; readTflite works anywhere). */
import { readFile } from 'node:fs/promises';
import { EdgeforgeError } from '../../../errors.js';
import type { Graph } from '../../../graph/types.js';
import { readTflite } from './read-tflite.js';

export async function readTfliteFile(path: string): Promise<Graph> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a folder, not a .tflite file'
          : `cannot read the file (${code ?? String(error)})`;
    throw new EdgeforgeError(problem, { file: path, fix: 'Pass the path of a readable .tflite model' });
  }
  return readTflite(bytes, path);
}
