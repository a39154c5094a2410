/**
 * Instructions per function, exactly: QEMU runs the image one instruction per translation
 * block (`-singlestep`) and logs every block it executes (`-d exec,nochain`, to stderr)
 * with the symbol it belongs to, so counting log lines per symbol counts executed
 * instructions. The log is counted as it streams (a long model logs gigabytes). main's calls
 * of the report function split the run into phases (two calibrations, init, then the one
 * window the profiled image runs); only the window's instructions are counted. Log lines
 * without a symbol are skipped.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { EdgeforgeError } from '../../errors.js';
import { qemuArgs } from './emulator.js';
import { TOOLS } from './toolchain.js';

export interface FunctionCost {
  name: string;
  /** Instructions executed inside the function itself (not its callees) in one inference. */
  instructions: number;
}

/** Tracing runs at a few million instructions a second: longer inferences are refused. */
export const PROFILE_INSTRUCTION_LIMIT = 30_000_000;

/** Report calls before the window: two calibration lines and the init line; then the window's. */
const REPORTS_BEFORE_WINDOW = 3;
const REPORT_FUNCTION = 'ef_report';
const RUNNER_FUNCTION = 'main';
const TRACE_LINE = /^Trace \d+: \S+ \[[0-9a-f]+\/[0-9a-f]+\/[0-9a-f]+\/[0-9a-f]+\] ([A-Za-z_][\w.]*)/;

export async function profileFunctions(
  elf: string,
  options: { exclude: Set<string>; timeoutMs: number },
): Promise<FunctionCost[]> {
  const child = spawn(TOOLS.qemu, [...qemuArgs(elf), '-singlestep', '-d', 'exec,nochain'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const exit = new Promise<string>((resolve) => {
    child.on('error', (error) => resolve(error.message));
    child.on('close', (code, signal) => resolve(code === 0 ? '' : `exit ${code ?? signal}`));
  });
  const counts = new Map<string, number>();
  let reports = 0;
  let previous = '';
  for await (const line of createInterface({ input: child.stderr, crlfDelay: Infinity })) {
    const symbol = TRACE_LINE.exec(line)?.[1];
    if (symbol === undefined) continue;
    if (symbol === REPORT_FUNCTION && previous === RUNNER_FUNCTION) reports++;
    previous = symbol;
    if (reports === REPORTS_BEFORE_WINDOW && !options.exclude.has(symbol)) {
      counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
  }
  const failure = await exit;
  clearTimeout(timer);
  if (failure !== '' || reports !== REPORTS_BEFORE_WINDOW + 1) {
    throw new EdgeforgeError(
      `the traced run ended after ${reports} of ${REPORTS_BEFORE_WINDOW + 1} phases${failure ? ` (${failure})` : ''}`,
      { file: elf, fix: 'Run without profiling first: the plain run reports faults more precisely' },
    );
  }
  return [...counts]
    .map(([name, instructions]) => ({ name, instructions }))
    .sort((a, b) => b.instructions - a.instructions);
}
