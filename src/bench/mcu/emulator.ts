/**
 * Runs a firmware image on QEMU's mps2-an386 (Cortex-M4) and reads back the runner's
 * semihosting report. `-icount shift=0` makes virtual time advance exactly 1 ns per executed
 * instruction, so the 25 MHz Timer0 the runner reads ticks once every 40 instructions.
 */
import { EdgeforgeError } from '../../errors.js';
import { STACK_RESERVE_BYTES } from './firmware-sources.js';
import { failed, runTool, TOOLS, TOOLCHAIN_PACKAGES } from './toolchain.js';

export const QEMU_MACHINE = 'mps2-an386';

export interface Measurement {
  ticks: number;
  stackBytes: number;
}

export interface FirmwareReport {
  /** Timer ticks of the calibration loop at each length. */
  calibration: { spins: number; ticks: number }[];
  init: Measurement;
  windows: (Measurement & { output: Uint8Array })[];
}

export function qemuArgs(elf: string): string[] {
  return [
    '-M',
    QEMU_MACHINE,
    '-cpu',
    'cortex-m4',
    '-nographic',
    '-monitor',
    'none',
    '-serial',
    'none',
    '-semihosting-config',
    'enable=on,target=native',
    '-icount',
    'shift=0',
    '-kernel',
    elf,
  ];
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Parses `CAL|INIT|W index ticks stack [hex]` lines up to `END`. */
export function parseReport(text: string, elf: string, exitStatus?: string): FirmwareReport {
  const report: FirmwareReport = { calibration: [], init: { ticks: 0, stackBytes: 0 }, windows: [] };
  let ended = false;
  for (const line of text.split('\n')) {
    const [tag, index, ticks, stack, hex] = line.trim().split(' ');
    if (tag === 'END') ended = true;
    else if (tag === 'CAL') report.calibration.push({ spins: Number(index), ticks: Number(ticks) });
    else if (tag === 'INIT') report.init = { ticks: Number(ticks), stackBytes: Number(stack) };
    else if (tag === 'W') {
      report.windows.push({ ticks: Number(ticks), stackBytes: Number(stack), output: hexBytes(hex ?? '') });
    }
  }
  if (!ended) {
    const fault = text.includes('FAULT')
      ? 'the firmware hit a fault (HardFault/BusFault/UsageFault)'
      : `no END line${exitStatus === undefined ? '' : ` (${exitStatus})`}`;
    throw new EdgeforgeError(
      `the Cortex-M4 run stopped after ${report.windows.length} window(s): ${fault}; output: ${text.trim().slice(-300)}`,
      {
        file: elf,
        fix: `Check the library for out-of-bounds accesses or a stack over the ${STACK_RESERVE_BYTES / 1024} KB reserve`,
      },
    );
  }
  const deepest = Math.max(report.init.stackBytes, ...report.windows.map((window) => window.stackBytes));
  // main's own frame sits in the reserve too: a callee reaching its bottom has overflowed it
  if (deepest >= STACK_RESERVE_BYTES - 256) {
    throw new EdgeforgeError(
      `the library's stack reached the end of the ${STACK_RESERVE_BYTES}-byte reserve`,
      {
        file: elf,
        fix: 'Reduce the stack use of the library (large local arrays belong in static buffers)',
      },
    );
  }
  return report;
}

export async function runFirmware(elf: string, timeoutMs: number): Promise<FirmwareReport> {
  const result = await runTool(TOOLS.qemu, qemuArgs(elf), { timeoutMs });
  // QEMU writes semihosting console output to stderr when no chardev is given
  const text = `${result.stdout}\n${result.stderr}`;
  if (failed(result) && !/^(CAL|FAULT)/m.test(text)) {
    throw new EdgeforgeError(`${TOOLS.qemu} failed (${result.status}): ${text.trim().slice(-300)}`, {
      file: elf,
      fix:
        result.status === 'ENOENT'
          ? `Install QEMU: apt-get install ${TOOLCHAIN_PACKAGES}`
          : 'Check that the QEMU build supports the mps2-an386 machine',
    });
  }
  return parseReport(text, elf, failed(result) ? result.status : undefined);
}
