/** Writes a deploy graph as a .tflite file, atomically (Node only; writeTflite works anywhere). */
import type { Graph } from '../../../graph/types.js';
import { writeFileAtomic } from '../../../util/atomic-write.js';
import { writeTflite, type WriteTfliteOptions, type WrittenTflite } from './write-tflite.js';

export async function writeTfliteFile(
  path: string,
  graph: Graph,
  options: Omit<WriteTfliteOptions, 'source'> = {},
): Promise<WrittenTflite> {
  const written = writeTflite(graph, options);
  await writeFileAtomic(path, written.bytes);
  return written;
}
