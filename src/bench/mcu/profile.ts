/**
 * Instructions per function, exactly: QEMU runs the image one instruction per translation
 * block (`-singlestep`) and logs every block it executes (`-d exec,nochain`) with the
 * symbol it belongs to, so counting log lines per symbol counts executed instructions.
 * main's calls of the report function split the run into phases (two calibrations, init,
 * then the one window the profiled image runs); only the window's instructions are counted.
 * Log lines without a symbol are skipped.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { EdgeforgeError } from '../../errors.js';
import { qemuArgs } from './emulator.js';
import { failed, runTool, TOOLS } from './toolchain.js';

export interface FunctionCost {
  name: string;
  /** Instructions executed inside the function itself (not its callees) in one inference. */
  instructions: number;
}

/** Report calls before the window: two calibration lines and the init line; then the window's. */
const REPORTS_BEFORE_WINDOW = 3;
const REPORT_FUNCTION = 'ef_report';
const RUNNER_FUNCTION = 'main';
const TRACE_LINE = /^Trace \d+: \S+ \[[0-9a-f]+\/[0-9a-f]+\/[0-9a-f]+\/[0-9a-f]+\] ([A-Za-z_][\w.]*)/;

export async function profileFunctions(
  elf: string,
  options: { exclude: Set<string>; folder: string; timeoutMs: number },
): Promise<FunctionCost[]> {
  const log = join(options.folder, 'exec.log');
  const args = [...qemuArgs(elf), '-singlestep', '-d', 'exec,nochain', '-D', log];
  const result = await runTool(TOOLS.qemu, args, { timeoutMs: options.timeoutMs });
  if (failed(result)) {
    throw new EdgeforgeError(`profiling run failed (${result.status}): ${result.stderr.trim().slice(-300)}`, {
      file: elf,
      fix: 'Run without profiling first: the plain run reports faults more precisely',
    });
  }
  const counts = new Map<string, number>();
  let reports = 0;
  let previous = '';
  const lines = createInterface({ input: createReadStream(log, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const symbol = TRACE_LINE.exec(line)?.[1];
    if (symbol === undefined) continue;
    if (symbol === REPORT_FUNCTION && previous === RUNNER_FUNCTION) reports++;
    previous = symbol;
    if (reports === REPORTS_BEFORE_WINDOW && !options.exclude.has(symbol)) {
      counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
  }
  await rm(log, { force: true });
  if (reports !== REPORTS_BEFORE_WINDOW + 1) {
    throw new EdgeforgeError(
      `the instruction trace holds ${reports} of ${REPORTS_BEFORE_WINDOW + 1} phases`,
      {
        file: log,
        fix: 'The trace was cut short: check free disk space in the temporary folder',
      },
    );
  }
  return [...counts]
    .map(([name, instructions]) => ({ name, instructions }))
    .sort((a, b) => b.instructions - a.instructions);
}
