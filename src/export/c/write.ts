/** writeCLibrary: the generated files into a folder, all at once (a temp folder renamed into place). */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EdgeforgeError } from '../../errors.js';
import type { Graph } from '../../graph/types.js';
import { generateC, type GenerateCOptions, type GeneratedC } from './generate.js';

/**
 * Writes the library to `outDir`, replacing a previous one there: the files are written into a
 * temp folder beside it, which is renamed into place once complete, so `outDir` never holds a
 * half-written or mixed library (an old one is moved aside first, then removed).
 */
export async function writeCLibrary(
  graph: Graph,
  outDir: string,
  options: GenerateCOptions,
): Promise<GeneratedC> {
  const generated = generateC(graph, options);
  const parent = dirname(outDir);
  const temp = join(parent, `.${basename(outDir)}.${process.pid}.${Date.now()}.tmp`);
  const old = `${temp}.old`;
  try {
    await mkdir(temp, { recursive: true });
    for (const [file, text] of Object.entries(generated.files)) await writeFile(join(temp, file), text);
    await rename(outDir, old).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(temp, outDir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new EdgeforgeError(`cannot write the C library (${code ?? String(error)})`, {
      file: outDir,
      fix: 'Choose an output folder you can write to',
    });
  } finally {
    await rm(old, { recursive: true, force: true });
  }
  return generated;
}
