/** The advisor: bench results turned into per-device options and a recommendation. */
import type { BenchResults } from '../bench/results.js';
import { EdgeforgeError } from '../errors.js';
import { DEVICES, type Device } from './devices.js';
import { deviceOptions } from './estimate.js';
import { formatShare } from './format.js';
import { recommend } from './recommend.js';
import type { Advice, AdviseOptions } from './types.js';

export const DEFAULT_HEADROOM = 0.25;
export const DEFAULT_TOLERANCE_POINTS = 1;

function notes(device: Device, headroom: number): string[] {
  const power = `Energy is an estimate: ${device.activePowerW.toPrecision(3)} W active power x latency; power: ${device.powerSource}.`;
  const speed =
    device.class === 'mcu'
      ? `Latency ${device.confidence === 'rough' ? 'is a rough estimate' : 'is an estimate'}: ${device.cpiBasis}.`
      : `Latency is an estimate: host median latency x ${device.hostSpeedFactor}; ${device.speedBasis}.`;
  return [
    speed,
    power,
    `Fits means within ${formatShare(1 - headroom)} of RAM and flash; ${formatShare(headroom)} is kept for the application.`,
  ];
}

export function advise(results: BenchResults, device: Device, options: AdviseOptions = {}): Advice {
  const headroom = options.headroom ?? DEFAULT_HEADROOM;
  const tolerancePoints = options.tolerancePoints ?? DEFAULT_TOLERANCE_POINTS;
  if (!(headroom >= 0 && headroom < 1)) {
    throw new EdgeforgeError(`headroom ${headroom} is not a share in [0, 1)`, {
      fix: 'Pass e.g. 0.25 to keep a quarter of RAM and flash free',
    });
  }
  if (!(tolerancePoints >= 0)) {
    throw new EdgeforgeError(`tolerance ${tolerancePoints} points is negative`, {
      fix: 'Pass 0 or more accuracy points',
    });
  }
  const adviceOptions = deviceOptions(results, device, headroom);
  return {
    device: { id: device.id, name: device.name, class: device.class },
    headroom,
    tolerancePoints,
    options: adviceOptions,
    ...recommend(adviceOptions, device, headroom, tolerancePoints),
    notes: notes(device, headroom),
  };
}

/** The whole catalogue, in catalogue order. */
export function adviseAll(results: BenchResults, options: AdviseOptions = {}): Advice[] {
  return DEVICES.map((device) => advise(results, device, options));
}
