import { UsageError } from '../errors.js';

/** A fraction of weights or units to remove: 1 would remove everything, so it stays below. */
export function checkFraction(value: number, place: string): void {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new UsageError(`${place} is ${value}, not a fraction in [0, 1)`, {
      place,
      fix: 'give a value such as 0.2 for 20 %',
    });
  }
}

export function checkEpochs(value: number, place: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`${place} is ${value}, not a whole number >= 0`, {
      place,
      fix: 'give the number of fine-tuning epochs, e.g. 2',
    });
  }
}
