import { Command, CommanderError } from 'commander';
import { EdgeforgeError } from '../errors.js';
import { registerData } from './commands/data.js';
import { registerInit } from './commands/init.js';
import { registerRun } from './commands/run.js';
import { registerTrain } from './commands/train.js';
import { registerInspect } from './commands/inspect.js';
import { registerPredict } from './commands/predict.js';
import { registerExport } from './commands/export.js';
import { registerCompress } from './commands/compress.js';
import { registerBench } from './commands/bench.js';
import { registerReport } from './commands/report.js';
import { registerAdvise } from './commands/advise.js';
import { processIo, type CliIo } from './io.js';

const VERSION = '0.1.0';

function buildProgram(io: CliIo): Command {
  const program = new Command('edgeforge')
    .description('sensor data to small, compressed, verified models for edge devices')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  registerInit(program, io);
  registerRun(program, io);
  registerData(program, io);
  registerTrain(program, io);
  registerInspect(program, io);
  registerPredict(program, io);
  registerExport(program, io);
  registerCompress(program, io);
  registerBench(program, io);
  registerReport(program, io);
  registerAdvise(program, io);
  for (const command of program.commands) {
    command.exitOverride();
    command.configureOutput({ writeOut: io.out, writeErr: io.err });
    for (const sub of command.commands)
      sub.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  }
  return program;
}

/** A file-system failure (no permission, disk full, ...) as one line naming the path. */
function systemErrorLine(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error) || !('path' in error)) return undefined;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied. Check the file and folder permissions',
    EPERM: 'operation not permitted. Check the file and folder permissions',
    ENOSPC: 'no space left on the device. Free some space and run again',
    ENOENT: 'no such file or folder. Check the path',
    EISDIR: 'is a folder, not a file. Name a file',
    ENOTDIR: 'a part of the path is not a folder. Check the path',
    EROFS: 'read-only file system. Choose another output folder',
  };
  const reason = reasons[String(error.code)] ?? `${String(error.code)}: ${error.message}`;
  return `${String(error.path)}: ${reason}.`;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failed, 2 bad usage. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message; help and version are successes.
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? 0
        : 2;
    }
    if (error instanceof EdgeforgeError) {
      io.err(`edgeforge: error: ${error.oneLine()}\n`);
      return error.exitCode;
    }
    const system = systemErrorLine(error);
    if (system) {
      io.err(`edgeforge: error: ${system}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`edgeforge: internal error: ${message}\n`);
    if (process.env.EDGEFORGE_DEBUG && error instanceof Error) io.err(`${error.stack}\n`);
    return 1;
  }
}
