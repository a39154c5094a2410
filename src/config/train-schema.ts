import { z } from 'zod';
import { PRESET_NAMES } from '../train/presets.js';

const optimizerSchema = z.strictObject({
  type: z.enum(['adam', 'adamw', 'sgd']).default('adam'),
  learningRate: z.number().positive().default(0.001),
  weightDecay: z.number().min(0).optional(),
  momentum: z.number().min(0).max(1).optional(),
  nesterov: z.boolean().optional(),
  clipNorm: z.number().positive().optional(),
  clipValue: z.number().positive().optional(),
});

const scheduleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant') }),
  z.strictObject({
    type: z.literal('step'),
    everyEpochs: z.int().min(1),
    gamma: z.number().positive().max(1).default(0.1),
  }),
  z.strictObject({
    type: z.literal('cosine'),
    alpha: z.number().min(0).max(1).default(0),
    warmupEpochs: z.int().min(0).default(0),
  }),
  z.strictObject({
    type: z.literal('plateau'),
    factor: z.number().positive().lt(1).default(0.1),
    patience: z.int().min(0).default(10),
    minDelta: z.number().min(0).default(1e-4),
    cooldown: z.int().min(0).default(0),
    minLr: z.number().min(0).default(0),
  }),
]);

const earlyStoppingSchema = z.strictObject({
  monitor: z.enum(['val_loss', 'val_accuracy']).default('val_loss'),
  patience: z.int().min(0).default(5),
  minDelta: z.number().min(0).default(0),
  restoreBest: z.boolean().default(true),
});

/** The train section: a preset or layers, and how to fit them. Unset fields take the preset's values. */
export const trainSectionSchema = z.strictObject({
  preset: z.enum(PRESET_NAMES).default('lstm-tutorial'),
  /** Layer specs replacing the preset's architecture (validated by the layer factory). */
  layers: z.array(z.record(z.string(), z.unknown())).min(1).optional(),
  epochs: z.int().min(1).optional(),
  batchSize: z.int().min(1).optional(),
  seed: z.int().default(42),
  /** What the layers learn; set it with custom layers (a preset knows its own). */
  task: z.enum(['binary', 'multiclass', 'autoencoder']).optional(),
  /** Autoencoders: the class whose windows are normal (default: 'healthy'/'normal'/'ok'/'0', else class 0). */
  normalClass: z.string().optional(),
  optimizer: optimizerSchema.optional(),
  schedule: scheduleSchema.default({ type: 'constant' }),
  classWeight: z
    .union([z.literal('none'), z.literal('balanced'), z.array(z.number().min(0)).min(2)])
    .default('none'),
  earlyStopping: z.union([earlyStoppingSchema, z.literal(false)]).default(false),
  shuffle: z.boolean().default(true),
  /** Checkpoint after every epoch, and resume from it when the same run is started again. */
  checkpoint: z.boolean().default(true),
  /**
   * Data-parallel training threads, or 'auto' (2 cores for recurrent models on batches of 16 or
   * more and 2,048+ windows); unset means 'auto'. Left without a default so sections that omit
   * it parse, and fingerprint, as before.
   */
  threads: z.union([z.literal('auto'), z.int().min(1)]).optional(),
});

export type TrainSection = z.output<typeof trainSectionSchema>;
export type OptimizerSection = z.output<typeof optimizerSchema>;
export type ScheduleSection = z.output<typeof scheduleSchema>;
export type EarlyStoppingSection = z.output<typeof earlyStoppingSchema>;
