/**
 * Seeded augmentation of the training split. It takes only the train WindowSet, so validation
 * and test data cannot be touched. Run it after scaling: noise sigma is in scaled units.
 *
 * Each added sample is a copy of an original with, in this order: a time shift by a random
 * whole number of steps in [-shift, shift] (edges repeat the first/last step rather than wrap
 * around, so no end of the window leaks into the other), an amplitude factor uniform in
 * [1 - scale, 1 + scale] for the whole sample, and gaussian noise of std `noise` per value.
 */
import { EdgeforgeError } from '../errors.js';
import { Random } from '../util/random.js';
import type { WindowSet } from './types.js';
import { classCounts, sampleSize, subset } from './window-set.js';

export interface AugmentOptions {
  seed: number;
  /** Gaussian noise std in scaled units; default 0.1. */
  noise?: number;
  /** Amplitude factor range half-width a in [0, 1): factors in [1 - a, 1 + a]; default 0. */
  scale?: number;
  /** Largest time shift in steps, below the window length; default 0. */
  shift?: number;
  /** Extra augmented copies of every training sample; default 0. */
  copies?: number;
  /**
   * Oversample smaller classes with augmented copies: true tops every class up to the largest
   * class's count, a ratio r in (0, 1] up to ceil(r * largest). Counted after `copies`.
   */
  balance?: boolean | number;
}

export interface AugmentResult {
  /** The original samples, unchanged and first, then the augmented copies. */
  data: WindowSet;
  added: number;
  /** Samples added per class id. */
  perClass: number[];
}

const FIELD = 'data.augment';

export function augment(train: WindowSet, options: AugmentOptions): AugmentResult {
  const settings = checkOptions(options, train.steps);
  const random = new Random(settings.seed);
  const sources = copySources(train, settings.copies, settings.balance, random);
  const all = new Int32Array(train.count + sources.length);
  for (let i = 0; i < train.count; i++) all[i] = i;
  all.set(sources, train.count);
  const data = subset(train, all);

  const size = sampleSize(train);
  const scratch = new Float32Array(size);
  for (let i = train.count; i < data.count; i++) {
    const sample = data.x.subarray(i * size, (i + 1) * size);
    if (settings.shift > 0)
      shiftSample(sample, scratch, data.channels, random.int(2 * settings.shift + 1) - settings.shift);
    const factor = settings.scale > 0 ? random.uniform(1 - settings.scale, 1 + settings.scale) : 1;
    for (let k = 0; k < size; k++) {
      sample[k] = sample[k] * factor + (settings.noise > 0 ? random.normal(0, settings.noise) : 0);
    }
  }

  const perClass = new Array<number>(train.classes.length).fill(0);
  for (const source of sources) perClass[train.y[source]]++;
  return { data, added: sources.length, perClass };
}

interface Settings {
  seed: number;
  noise: number;
  scale: number;
  shift: number;
  copies: number;
  /** Target share of the largest class, 0 for no balancing. */
  balance: number;
}

function checkOptions(options: AugmentOptions, steps: number): Settings {
  const settings: Settings = {
    seed: options.seed,
    noise: options.noise ?? 0.1,
    scale: options.scale ?? 0,
    shift: options.shift ?? 0,
    copies: options.copies ?? 0,
    balance: balanceRatio(options.balance),
  };
  const checks: [keyof Settings, boolean, string][] = [
    ['seed', Number.isInteger(settings.seed), 'a whole number such as 42'],
    ['noise', Number.isFinite(settings.noise) && settings.noise >= 0, 'a std of 0 or more, e.g. 0.1'],
    ['scale', settings.scale >= 0 && settings.scale < 1, 'a number from 0 up to (not including) 1, e.g. 0.2'],
    [
      'shift',
      Number.isInteger(settings.shift) && settings.shift >= 0 && settings.shift < steps,
      `a whole number of steps from 0 to ${steps - 1}`,
    ],
    ['copies', Number.isInteger(settings.copies) && settings.copies >= 0, 'a whole number of 0 or more'],
    ['balance', settings.balance >= 0 && settings.balance <= 1, 'true, false or a ratio in (0, 1]'],
  ];
  for (const [field, ok, expected] of checks) {
    if (!ok) {
      throw new EdgeforgeError(`augmentation ${field} is ${String(options[field])}`, {
        place: `field ${FIELD}.${field}`,
        fix: `Use ${expected}`,
      });
    }
  }
  return settings;
}

function balanceRatio(balance: boolean | number | undefined): number {
  if (balance === undefined || balance === false) return 0;
  return balance === true ? 1 : balance;
}

/**
 * Which original each added sample copies: `copies` rounds over all samples in order, then for
 * each class short of the balance target, its samples in a seeded order, cycled as needed.
 */
function copySources(train: WindowSet, copies: number, balance: number, random: Random): Int32Array {
  const sources: number[] = [];
  for (let round = 0; round < copies; round++) {
    for (let i = 0; i < train.count; i++) sources.push(i);
  }
  if (balance > 0) {
    const counts = classCounts(train).map((count) => count * (1 + copies));
    const target = Math.ceil(balance * Math.max(0, ...counts));
    const members = train.classes.map((): number[] => []);
    for (let i = 0; i < train.count; i++) members[train.y[i]].push(i);
    members.forEach((list, c) => {
      if (list.length === 0) return;
      random.shuffle(list);
      for (let k = 0; k < target - counts[c]; k++) sources.push(list[k % list.length]);
    });
  }
  return Int32Array.from(sources);
}

/** Moves the sample `offset` steps later in time (earlier when negative), repeating the edge step. */
function shiftSample(sample: Float32Array, scratch: Float32Array, channels: number, offset: number): void {
  if (offset === 0) return;
  scratch.set(sample);
  const steps = sample.length / channels;
  for (let t = 0; t < steps; t++) {
    const from = Math.min(steps - 1, Math.max(0, t - offset));
    for (let c = 0; c < channels; c++) sample[t * channels + c] = scratch[from * channels + c];
  }
}
