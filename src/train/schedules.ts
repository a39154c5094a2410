import { z } from 'zod';
import { EdgeforgeError, UsageError } from '../errors.js';
import { checkSetting } from './optimizers/setting.js';

/*
 * Learning-rate schedules. The trainer asks `lrForEpoch(epoch)` before each epoch
 * (epochs count from 0) and reports the monitored metric through `onEpochEnd` after it.
 * Only reduce-on-plateau keeps state; all of them save it as plain JSON for resume.
 */

export type ScheduleKind = 'constant' | 'step' | 'cosine' | 'plateau';

const kindSchema = z.object({ kind: z.enum(['constant', 'step', 'cosine', 'plateau']) });

const epochFunctionSchema = z.object({ kind: z.enum(['constant', 'step', 'cosine']) });

const plateauSchema = z.object({
  kind: z.literal('plateau'),
  learningRate: z.number().nonnegative(),
  /** null until the first epoch ends (JSON has no Infinity). */
  best: z.number().nullable(),
  wait: z.number().int().nonnegative(),
  cooldownCounter: z.number().int().nonnegative(),
});

export type ScheduleState = z.infer<typeof epochFunctionSchema> | z.infer<typeof plateauSchema>;

export interface LearningRateSchedule {
  readonly kind: ScheduleKind;
  lrForEpoch(epoch: number): number;
  /** The monitored metric after an epoch (val_loss unless configured otherwise). */
  onEpochEnd(metric: number): void;
  state(): ScheduleState;
  /** Restores a state saved by `state()`; `file` names the checkpoint in errors. */
  loadState(state: unknown, file?: string): void;
}

/** Checks the saved kind matches this schedule before reading the rest with `schema`. */
function parseScheduleState<T extends ScheduleState>(
  state: unknown,
  kind: ScheduleKind,
  schema: z.ZodType<T>,
  file: string | undefined,
): T {
  const saved = kindSchema.safeParse(state);
  if (saved.success && saved.data.kind !== kind) {
    throw new EdgeforgeError(`the checkpoint holds a ${saved.data.kind} schedule, the run uses ${kind}`, {
      file,
      place: 'schedule.kind',
      fix: `Resume with the ${saved.data.kind} schedule, or start a new run`,
    });
  }
  const parsed = schema.safeParse(state);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EdgeforgeError(issue.message, {
      file,
      place: ['schedule', ...issue.path.map(String)].join('.'),
      fix: 'The checkpoint is damaged or from another program; resume from another one',
    });
  }
  return parsed.data;
}

/** A schedule that is a pure function of the epoch: nothing to observe or save but its kind. */
function epochFunction(
  kind: 'constant' | 'step' | 'cosine',
  rate: (epoch: number) => number,
): LearningRateSchedule {
  return {
    kind,
    lrForEpoch: (epoch) => rate(checkSetting('epoch', epoch, 'an integer >= 0')),
    onEpochEnd: () => undefined,
    state: () => ({ kind }),
    loadState: (state, file) => void parseScheduleState(state, kind, epochFunctionSchema, file),
  };
}

export function constantLr(learningRate: number): LearningRateSchedule {
  checkSetting('schedule.initialLr', learningRate, 'a finite number >= 0');
  return epochFunction('constant', () => learningRate);
}

/** initialLr * gamma^floor(epoch / stepEpochs), as PyTorch StepLR. */
export function stepDecay(options: {
  initialLr: number;
  stepEpochs: number;
  gamma?: number;
}): LearningRateSchedule {
  const initialLr = checkSetting('schedule.initialLr', options.initialLr, 'a finite number >= 0');
  const stepEpochs = checkSetting('schedule.stepEpochs', options.stepEpochs, 'an integer >= 1');
  const gamma = checkSetting('schedule.gamma', options.gamma ?? 0.1, 'in (0, 1)');
  return epochFunction('step', (epoch) => initialLr * gamma ** Math.floor(epoch / stepEpochs));
}

/**
 * Cosine decay from initialLr to alpha * initialLr over the epochs after warmup
 * (Keras CosineDecay with epochs as steps): k = epoch - warmupEpochs, D = totalEpochs -
 * warmupEpochs, lr = initialLr * (alpha + (1 - alpha) * (1 + cos(pi * min(k, D) / D)) / 2).
 * Warmup epochs e ramp linearly as initialLr * (e + 1) / (warmupEpochs + 1), so the
 * first epoch already learns and the ramp meets the peak at the first decay epoch.
 */
export function cosineDecay(options: {
  initialLr: number;
  totalEpochs: number;
  alpha?: number;
  warmupEpochs?: number;
}): LearningRateSchedule {
  const initialLr = checkSetting('schedule.initialLr', options.initialLr, 'a finite number >= 0');
  const totalEpochs = checkSetting('schedule.totalEpochs', options.totalEpochs, 'an integer >= 1');
  const alpha = checkSetting('schedule.alpha', options.alpha ?? 0, 'in [0, 1]');
  const warmupEpochs = checkSetting('schedule.warmupEpochs', options.warmupEpochs ?? 0, 'an integer >= 0');
  if (warmupEpochs >= totalEpochs) {
    throw new UsageError(`warmup of ${warmupEpochs} epochs leaves none of the ${totalEpochs} to decay`, {
      place: 'schedule.warmupEpochs',
      fix: 'Use fewer warmup epochs than total epochs',
    });
  }
  const decayEpochs = totalEpochs - warmupEpochs;
  return epochFunction('cosine', (epoch) => {
    if (epoch < warmupEpochs) return (initialLr * (epoch + 1)) / (warmupEpochs + 1);
    const progress = Math.min(epoch - warmupEpochs, decayEpochs) / decayEpochs;
    return initialLr * (alpha + ((1 - alpha) * (1 + Math.cos(Math.PI * progress))) / 2);
  });
}

export interface PlateauOptions {
  initialLr: number;
  /** Name of the metric the trainer should report; Keras's default. */
  monitor?: string;
  factor?: number;
  patience?: number;
  minDelta?: number;
  cooldown?: number;
  minLr?: number;
  mode?: 'min' | 'max';
}

/** Keras ReduceLROnPlateau with its defaults: factor 0.1, patience 10, minDelta 1e-4, cooldown 0, minLr 0. */
export class ReduceOnPlateau implements LearningRateSchedule {
  readonly kind = 'plateau';
  readonly monitor: string;
  private readonly factor: number;
  private readonly patience: number;
  private readonly minDelta: number;
  private readonly cooldown: number;
  private readonly minLr: number;
  private readonly mode: 'min' | 'max';
  private learningRate: number;
  private best: number | null = null;
  private wait = 0;
  private cooldownCounter = 0;

  constructor(options: PlateauOptions) {
    this.learningRate = checkSetting('schedule.initialLr', options.initialLr, 'a finite number >= 0');
    this.monitor = options.monitor ?? 'val_loss';
    this.factor = checkSetting('schedule.factor', options.factor ?? 0.1, 'in (0, 1)');
    this.patience = checkSetting('schedule.patience', options.patience ?? 10, 'an integer >= 0');
    this.minDelta = checkSetting('schedule.minDelta', options.minDelta ?? 1e-4, 'a finite number >= 0');
    this.cooldown = checkSetting('schedule.cooldown', options.cooldown ?? 0, 'an integer >= 0');
    this.minLr = checkSetting('schedule.minLr', options.minLr ?? 0, 'a finite number >= 0');
    this.mode = options.mode ?? 'min';
  }

  /** The rate depends on the metrics seen so far, not on the epoch number. */
  lrForEpoch(_epoch: number): number {
    return this.learningRate;
  }

  /** Keras's order: cooldown ticks first, an improvement resets the wait, else patience runs out. */
  onEpochEnd(metric: number): void {
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (this.improves(metric)) {
      this.best = metric;
      this.wait = 0;
      return;
    }
    if (this.cooldownCounter > 0) return;
    this.wait++;
    if (this.wait >= this.patience && this.learningRate > this.minLr) {
      this.learningRate = Math.max(this.learningRate * this.factor, this.minLr);
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }

  state(): ScheduleState {
    const { learningRate, best, wait, cooldownCounter } = this;
    return { kind: 'plateau', learningRate, best, wait, cooldownCounter };
  }

  loadState(state: unknown, file?: string): void {
    const parsed = parseScheduleState(state, 'plateau', plateauSchema, file);
    this.learningRate = parsed.learningRate;
    this.best = parsed.best;
    this.wait = parsed.wait;
    this.cooldownCounter = parsed.cooldownCounter;
  }

  /** Better than the best by more than minDelta; the best starts at +-Infinity, and NaN never improves. */
  private improves(metric: number): boolean {
    const best = this.best ?? (this.mode === 'min' ? Infinity : -Infinity);
    return this.mode === 'min' ? metric < best - this.minDelta : metric > best + this.minDelta;
  }
}
