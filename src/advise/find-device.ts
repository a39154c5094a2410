/** --device NAME: a catalogue id, alias or name, case-insensitive, with "did you mean" on a miss. */
import { UsageError } from '../errors.js';
import { closestName } from '../util/closest.js';
import { DEVICES, DEVICE_IDS, type Device } from './devices.js';

export function findDevice(name: string): Device {
  const wanted = name.trim().toLowerCase();
  const found = DEVICES.find(
    (device) =>
      device.id === wanted || device.name.toLowerCase() === wanted || device.aliases.includes(wanted),
  );
  if (found) return found;
  const candidates = DEVICES.flatMap((device) => [device.id, ...device.aliases]);
  const close = closestName(wanted, candidates);
  const suggestion = close && DEVICES.find((device) => device.id === close || device.aliases.includes(close));
  throw new UsageError(`unknown device '${name}'${suggestion ? ` (did you mean ${suggestion.id}?)` : ''}`, {
    place: 'option --device',
    fix: `Use one of: ${DEVICE_IDS.join(', ')}`,
  });
}
