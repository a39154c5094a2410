/**
 * Compiles a generated C library natively with the host gcc: the library to its own object
 * (so its code and data size can be read) and a driver program linked against it. Reusable by
 * anything that runs generated C on the host.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { failed, runTool } from '../mcu/toolchain.js';

export const HOST_CC = 'gcc';
export const HOST_FLAGS = ['-std=c99', '-O2'];

export interface HostBuild {
  executable: string;
  /** The library object's text + data (code, constants, initialised data): what it adds to a program. */
  libraryBytes: number;
}

/** The build failed: gcc's (or size's) message, or why they could not run. */
export class HostBuildError extends Error {}

async function run(tool: string, args: string[], cwd: string): Promise<string> {
  const result = await runTool(tool, args, { cwd });
  if (!failed(result)) return result.stdout;
  const detail = (result.stderr || result.stdout).trim().split('\n').slice(-6).join(' | ');
  throw new HostBuildError(`${tool} ${args.join(' ')}: ${result.status}${detail ? `: ${detail}` : ''}`);
}

/** Whether the host compiler runs at all (undefined) or why not. */
export async function hostCompilerMissing(): Promise<string | undefined> {
  const result = await runTool(HOST_CC, ['--version'], { timeoutMs: 20_000 });
  return failed(result) ? `the host C compiler ${HOST_CC} does not run (${result.status})` : undefined;
}

/** Berkeley `size` of one object: text + data. */
function textAndData(sizeOutput: string): number {
  const numbers = sizeOutput.trim().split('\n').at(-1)!.trim().split(/\s+/).map(Number);
  return numbers[0]! + numbers[1]!;
}

export async function buildHostProgram(options: {
  folder: string;
  /** The library's files (name -> text), as generateC returns them. */
  library: Record<string, string>;
  name: string;
  /** The driver's source (its own main). */
  driver: string;
}): Promise<HostBuild> {
  const { folder, library, name } = options;
  await mkdir(folder, { recursive: true });
  await Promise.all([
    ...Object.entries(library).map(([file, text]) => writeFile(join(folder, file), text)),
    writeFile(join(folder, 'driver.c'), options.driver),
  ]);
  await run(HOST_CC, [...HOST_FLAGS, '-c', `${name}.c`, '-o', `${name}.o`], folder);
  await run(HOST_CC, [...HOST_FLAGS, 'driver.c', `${name}.o`, '-lm', '-o', 'driver'], folder);
  const libraryBytes = textAndData(await run('size', [`${name}.o`], folder));
  return { executable: join(folder, 'driver'), libraryBytes };
}
