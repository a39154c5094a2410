/**
 * The pick: among options that fit and have an estimate, those within the tolerance of the
 * most accurate one compete on energy per inference; the least energy wins (then the higher
 * accuracy, then the smaller flash). Reasons are sentences a user can check against the table.
 */
import type { Device, Runtime } from './devices.js';
import { formatAccuracy, formatBytes, formatEnergy, formatLatency, formatShare } from './format.js';
import type { AdviceOption, Fit, Recommendation } from './types.js';

export const RUNTIME_LABELS: Record<Runtime, string> = {
  c: 'generated C',
  'tflite-micro': 'TensorFlow Lite Micro',
  onnxruntime: 'ONNX Runtime',
  litert: 'LiteRT',
  edgeforge: 'edgeforge runtime',
};

type Candidate = AdviceOption & { fit: Fit; latencyMs: number; energyMicrojoules: number; accuracy: number };

function isCandidate(option: AdviceOption): option is Candidate {
  return (
    option.fit?.fits === true &&
    option.latencyMs !== undefined &&
    option.energyMicrojoules !== undefined &&
    option.accuracy !== undefined &&
    option.discouraged === undefined
  );
}

export function describe(option: Pick<AdviceOption, 'variant' | 'runtime'>): string {
  return `${option.variant} with ${RUNTIME_LABELS[option.runtime]}`;
}

/** Points are percentage points of accuracy; a hair of slack keeps 1.0-point gaps inside. */
const POINT_EPSILON = 1e-9;

function byEnergyThenAccuracyThenFlash(a: Candidate, b: Candidate): number {
  return (
    a.energyMicrojoules - b.energyMicrojoules ||
    b.accuracy - a.accuracy ||
    a.fit.flashBytes - b.fit.flashBytes
  );
}

function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(1)}x`;
}

/**
 * float32 against the chosen variant on one runtime (the chosen one when it runs float32;
 * TFLite Micro estimates are int8 only), so runtime overheads do not muddle the comparison.
 */
function comparison(chosen: Candidate, options: AdviceOption[]): string | undefined {
  if (chosen.variant === 'float32') return undefined;
  const floats = options.filter((option) => option.variant === 'float32' && option.fit !== undefined);
  const float = floats.find((option) => option.runtime === chosen.runtime) ?? floats[0];
  if (!float?.fit) return undefined;
  const name = describe(float);
  if (!float.fit.fits) {
    return `${name} does not fit: it needs ${formatBytes(float.fit.ramBytes)} of RAM and ${formatBytes(float.fit.flashBytes)} of flash.`;
  }
  if (float.discouraged) return `${name} fits, but ${float.discouraged}.`;
  const same = options.find(
    (option) => option.variant === chosen.variant && option.runtime === float.runtime,
  );
  if (float.energyMicrojoules === undefined || !same?.fit || same.energyMicrojoules === undefined)
    return undefined;
  return (
    `${name} needs ${ratio(float.fit.flashBytes, same.fit.flashBytes)} the flash and ` +
    `${ratio(float.energyMicrojoules, same.energyMicrojoules)} the energy of ${describe(same)}.`
  );
}

function choose(
  options: AdviceOption[],
  device: Device,
  headroom: number,
  tolerancePoints: number,
): Recommendation | undefined {
  const candidates = options.filter(isCandidate);
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  const pool = candidates.filter(
    (option) => (best.accuracy - option.accuracy) * 100 <= tolerancePoints + POINT_EPSILON,
  );
  const chosen = [...pool].sort(byEnergyThenAccuracyThenFlash)[0]!;
  const lossPoints = (best.accuracy - chosen.accuracy) * 100;
  const reasons = [
    `${describe(chosen)} fits in ${formatShare(chosen.fit.ramShare)} of RAM and ${formatShare(chosen.fit.flashShare)} of flash ` +
      `(${formatBytes(chosen.fit.ramBytes)} and ${formatBytes(chosen.fit.flashBytes)}, keeping ${formatShare(headroom)} free for the application).`,
    chosen === best || lossPoints < POINT_EPSILON
      ? `It is the most accurate option that fits (${formatAccuracy(chosen.accuracy)}).`
      : `It loses ${lossPoints.toFixed(1)} points against ${describe(best)} (${formatAccuracy(best.accuracy)}), within the ${tolerancePoints}-point tolerance.`,
    `It takes an estimated ${formatLatency(chosen.latencyMs)} and ${formatEnergy(chosen.energyMicrojoules)} per inference on ${device.name}, ` +
      `the least energy of the ${pool.length} option${pool.length === 1 ? '' : 's'} within ${tolerancePoints} point${tolerancePoints === 1 ? '' : 's'} of the best.`,
  ];
  const versusFloat = comparison(chosen, options);
  if (versusFloat) reasons.push(versusFloat);
  return { variant: chosen.variant, runtime: chosen.runtime, reasons };
}

/** Why nothing can be recommended, naming the smallest option and what would shrink it. */
function nothingFitsMessage(options: AdviceOption[], device: Device, headroom: number): string {
  const sized = options.filter((option): option is AdviceOption & { fit: Fit } => option.fit !== undefined);
  if (sized.length === 0) {
    const reason = options.find((option) => option.unavailable)?.unavailable ?? 'no variants in bench.json';
    return `No measurement can be turned into an estimate for ${device.name}: ${reason}.`;
  }
  const fitting = sized.filter((option) => option.fit.fits);
  if (fitting.length > 0) {
    const blocked = fitting.map(
      (option) => `${describe(option)}: ${option.discouraged ?? option.unavailable ?? 'no estimate'}`,
    );
    return `Options fit on ${device.name} but none can be recommended (${blocked.join('; ')}).`;
  }
  const pressure = (fit: Fit) =>
    Math.max(fit.ramBytes / fit.ramBudgetBytes, fit.flashBytes / fit.flashBudgetBytes);
  const smallest = sized.reduce((a, b) => (pressure(b.fit) < pressure(a.fit) ? b : a));
  const keep = formatShare(1 - headroom);
  return (
    `Nothing fits in ${keep} of ${device.name}'s memory: the smallest option, ${describe(smallest)}, needs ` +
    `${formatBytes(smallest.fit.ramBytes)} of RAM (budget ${formatBytes(smallest.fit.ramBudgetBytes)}) and ` +
    `${formatBytes(smallest.fit.flashBytes)} of flash (budget ${formatBytes(smallest.fit.flashBudgetBytes)}). ` +
    `Structured pruning (the structured-int8 variant, or a larger pruning fraction) or a smaller model preset would shrink it; otherwise choose a device with more memory.`
  );
}

export function recommend(
  options: AdviceOption[],
  device: Device,
  headroom: number,
  tolerancePoints: number,
): { recommendation?: Recommendation; nothingFits?: string } {
  const recommendation = choose(options, device, headroom, tolerancePoints);
  return recommendation ? { recommendation } : { nothingFits: nothingFitsMessage(options, device, headroom) };
}
