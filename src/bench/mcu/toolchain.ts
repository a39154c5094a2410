/** The Cortex-M4 cross toolchain and emulator: finding them and running them. */
import { execFile, type ExecFileException } from 'node:child_process';
import { EdgeforgeError } from '../../errors.js';

export const TOOLS = {
  gcc: 'arm-none-eabi-gcc',
  size: 'arm-none-eabi-size',
  nm: 'arm-none-eabi-nm',
  qemu: 'qemu-system-arm',
} as const;

/** Debian packages that provide the tools (what .ci/run installs). */
export const TOOLCHAIN_PACKAGES = 'gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm';

export interface ToolResult {
  stdout: string;
  stderr: string;
}

export interface ToolFailure {
  /** Exit status, or the signal that ended it, or the spawn error code (ENOENT: not installed). */
  status: string;
  stdout: string;
  stderr: string;
}

/** Runs a tool; resolves either its output or, when it fails, what went wrong. */
export function runTool(
  tool: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ToolResult | ToolFailure> {
  return new Promise((resolve) => {
    execFile(
      tool,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 << 20, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) resolve({ stdout, stderr });
        else resolve({ status: failureStatus(error), stdout, stderr });
      },
    );
  });
}

function failureStatus(error: ExecFileException): string {
  if (error.killed === true) return `killed after the time limit (${error.signal ?? 'SIGTERM'})`;
  if (typeof error.code === 'string') return error.code;
  if (typeof error.code === 'number') return `exit status ${error.code}`;
  return error.signal ?? error.message;
}

export function failed(result: ToolResult | ToolFailure): result is ToolFailure {
  return 'status' in result;
}

/** Runs a tool that must succeed: a failure becomes an EdgeforgeError quoting its stderr. */
export async function mustRun(
  tool: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number; what: string; file?: string },
): Promise<string> {
  const result = await runTool(tool, args, options);
  if (!failed(result)) return result.stdout;
  const detail = (result.stderr || result.stdout).trim().split('\n').slice(-12).join(' | ');
  throw new EdgeforgeError(`${options.what} failed (${tool}: ${result.status}): ${detail}`, {
    file: options.file,
    fix:
      result.status === 'ENOENT'
        ? `Install the Cortex-M4 toolchain: apt-get install ${TOOLCHAIN_PACKAGES}`
        : 'Check the C library and the message above',
  });
}

/** The tools that are not on PATH (empty when everything is installed). */
export async function missingTools(): Promise<string[]> {
  const checks = await Promise.all(
    Object.values(TOOLS).map(async (tool) => {
      const result = await runTool(tool, ['--version'], { timeoutMs: 20_000 });
      return failed(result) && result.status === 'ENOENT' ? tool : undefined;
    }),
  );
  return checks.filter((tool): tool is (typeof TOOLS)[keyof typeof TOOLS] => tool !== undefined);
}
