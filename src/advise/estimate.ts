/**
 * One option per variant × runtime the device can use: what it needs (RAM, flash) against the
 * device's memory minus the headroom, its latency on the device, and energy = active power ×
 * latency. Microcontrollers start from the emulated Cortex-M4 cell (instructions × cycles per
 * instruction / clock); application processors from the host cell of the matching runner
 * (median latency × the device's speed factor).
 */
import type { VariantReport } from '../compress/report.js';
import type { BenchCell, BenchResults, RunnerName } from '../bench/results.js';
import type { ApDevice, ApRuntime, Device, McuDevice, McuRuntime } from './devices.js';
import { estimateGeneratedC, estimateTflm } from './tflm.js';
import type { AdviceOption, Fit } from './types.js';

/** The host runner whose measurement each application-processor runtime is scaled from. */
const AP_RUNNERS: Record<ApRuntime, RunnerName> = {
  c: 'c-native',
  onnxruntime: 'onnxruntime',
  litert: 'litert',
  edgeforge: 'edgeforge',
};

/** Variant kinds whose activations stay float: software float on a core without an FPU. */
const FLOAT_KINDS = new Set(['float', 'float16', 'dynamic-range']);
/** Full-integer kinds TFLite Micro can run when the variant's own target list is absent. */
const INT8_KINDS = new Set(['ptq', 'qat', 'pruned', 'structured']);

export function fitOn(device: Device, need: { ramBytes: number; flashBytes: number }, headroom: number): Fit {
  const ramBudgetBytes = Math.floor(device.ramBytes * (1 - headroom));
  const flashBudgetBytes = Math.floor(device.flashBytes * (1 - headroom));
  return {
    ramBytes: need.ramBytes,
    flashBytes: need.flashBytes,
    ramBudgetBytes,
    flashBudgetBytes,
    ramShare: need.ramBytes / device.ramBytes,
    flashShare: need.flashBytes / device.flashBytes,
    fits: need.ramBytes <= ramBudgetBytes && need.flashBytes <= flashBudgetBytes,
  };
}

/** µJ from watts and milliseconds: W × ms = mJ. */
export function energyMicrojoules(device: Device, latencyMs: number): number {
  return device.activePowerW * latencyMs * 1000;
}

/** Device latency of a Cortex-M4 instruction count: instructions × CPI / clock. */
export function mcuLatencyMs(device: McuDevice, instructions: number): number {
  return (instructions * device.cyclesPerM4Instruction) / (device.clockMHz * 1e3);
}

function findCell(results: BenchResults, variant: string, runner: RunnerName): BenchCell | undefined {
  return results.cells.find((cell) => cell.variant === variant && cell.runner === runner);
}

function cellProblem(cell: BenchCell | undefined, runner: RunnerName): string | undefined {
  if (!cell) return `no ${runner} measurement in bench.json (run edgeforge bench with the ${runner} runner)`;
  if (cell.status !== 'ok') return `${runner} ${cell.status}: ${cell.reason ?? 'no reason recorded'}`;
  return undefined;
}

/**
 * The runner's own accuracy when it has one; the emulated C has none (it runs a few windows),
 * and it is checked against the edgeforge runtime, so that runtime's figure stands in.
 */
function accuracyOf(results: BenchResults, variant: VariantReport, cell: BenchCell | undefined) {
  const measured = cell?.accuracy ?? findCell(results, variant.name, 'edgeforge')?.accuracy;
  return measured ?? { accuracy: variant.evaluation.accuracy, f1: variant.evaluation.f1 };
}

/** Why no TFLite Micro estimate: the variant's own verdict first, then the int8-only basis. */
function tflmRefusal(variant: VariantReport): string | undefined {
  const target = variant.targets?.find((entry) => entry.target === 'tflite-micro');
  if (target && !target.ok) return target.reason ?? 'TFLite Micro cannot run this variant';
  return INT8_KINDS.has(variant.kind)
    ? undefined
    : 'no TFLite Micro estimate: the only TFLM figures to scale from are int8 (docs/devices.md)';
}

function mcuOption(
  results: BenchResults,
  variant: VariantReport,
  runtime: McuRuntime,
  device: McuDevice,
  headroom: number,
): AdviceOption {
  const runner: RunnerName = 'c-cortex-m4';
  const base = { variant: variant.name, runtime, runner };
  const cell = findCell(results, variant.name, runner);
  const problem = cellProblem(cell, runner) ?? (cell?.mcu ? undefined : `${runner} cell has no mcu figures`);
  const refusal = runtime === 'tflite-micro' ? tflmRefusal(variant) : undefined;
  if (problem || refusal || !cell?.mcu) return { ...base, unavailable: refusal ?? problem };
  const footprint =
    runtime === 'tflite-micro'
      ? estimateTflm(cell.mcu, device)
      : estimateGeneratedC(cell.mcu, device, INT8_KINDS.has(variant.kind));
  const fit = fitOn(
    device,
    { ramBytes: footprint.ramBytes + footprint.stackBytes, flashBytes: footprint.flashBytes },
    headroom,
  );
  const { accuracy, f1 } = accuracyOf(results, variant, undefined);
  const cycles = `${footprint.instructionsPerInference.toLocaleString('en-US')} M4 instructions x ${device.cyclesPerM4Instruction} cycles / ${device.clockMHz} MHz`;
  const basis = `${footprint.basis}; ${cycles}; RAM = static RAM + stack`;
  if (!device.fpu && FLOAT_KINDS.has(variant.kind)) {
    return {
      ...base,
      fit,
      accuracy,
      f1,
      basis,
      discouraged: `${device.core} has no FPU: float arithmetic runs in software at tens of cycles per operation (not estimated); use an int8 variant`,
    };
  }
  const latencyMs = mcuLatencyMs(device, footprint.instructionsPerInference);
  return {
    ...base,
    fit,
    latencyMs,
    energyMicrojoules: energyMicrojoules(device, latencyMs),
    accuracy,
    f1,
    basis,
  };
}

function apOption(
  results: BenchResults,
  variant: VariantReport,
  runtime: ApRuntime,
  device: ApDevice,
  headroom: number,
): AdviceOption {
  const runner = AP_RUNNERS[runtime];
  const base = { variant: variant.name, runtime, runner };
  const cell = findCell(results, variant.name, runner);
  const problem = cellProblem(cell, runner) ?? (cell?.latency ? undefined : `${runner} cell has no latency`);
  if (problem || !cell?.latency) return { ...base, unavailable: problem };
  const modelBytes = cell.memory?.modelBytes ?? variant.weightBytes;
  const ramBytes =
    cell.memory?.rssGrowthBytes ?? modelBytes + (cell.memory?.arenaBytes ?? variant.arenaBytes);
  const fit = fitOn(device, { ramBytes, flashBytes: modelBytes }, headroom);
  const latencyMs = cell.latency.p50 * device.hostSpeedFactor;
  const { accuracy, f1 } = accuracyOf(results, variant, cell);
  return {
    ...base,
    fit,
    latencyMs,
    energyMicrojoules: energyMicrojoules(device, latencyMs),
    accuracy,
    f1,
    basis: `host ${runner} median ${cell.latency.p50.toFixed(3)} ms x ${device.hostSpeedFactor}; RAM = process RSS growth, flash = model file`,
  };
}

/** Every variant × runtime the device can use, in variant then runtime order. */
export function deviceOptions(results: BenchResults, device: Device, headroom: number): AdviceOption[] {
  return results.variants.flatMap((variant) =>
    device.class === 'mcu'
      ? device.runtimes.map((runtime) => mcuOption(results, variant, runtime, device, headroom))
      : device.runtimes.map((runtime) => apOption(results, variant, runtime, device, headroom)),
  );
}
