import { z } from 'zod';
import { DEFAULT_VARIANTS, VARIANT_NAMES } from '../compress/variant-names.js';

/** The representative set post-training quantization calibrates on, drawn from the training split. */
const calibrationSchema = z.strictObject({
  size: z.int().min(1).default(500),
  method: z.enum(['minmax', 'percentile', 'mse']).default('minmax'),
  /** For method percentile: the central share of each tensor's values kept, in percent. */
  percentile: z.number().gt(50).max(100).default(99.99),
});

const qatSchema = z.strictObject({
  epochs: z.int().min(1).default(3),
  /** Unset: a tenth of the rate the model was trained with. */
  learningRate: z.number().positive().optional(),
});

const pruneSchema = z.strictObject({
  sparsity: z.number().min(0).lt(1).default(0.2),
  scope: z.enum(['global', 'layer']).default('global'),
  schedule: z.enum(['one-shot', 'gradual']).default('one-shot'),
  fineTuneEpochs: z.int().min(0).default(2),
});

const structuredSchema = z.strictObject({
  /** Share of LSTM/GRU units, Conv1D filters and Dense neurons removed. */
  fraction: z.number().gt(0).lt(1).default(0.25),
  fineTuneEpochs: z.int().min(0).default(2),
});

/** The compress section: which variants to build from the trained model, and how. */
export const compressSectionSchema = z.strictObject({
  variants: z
    .array(z.enum(VARIANT_NAMES))
    .min(1)
    .default(() => [...DEFAULT_VARIANTS]),
  calibration: calibrationSchema.prefault({}),
  /** int8 weights of FULLY_CONNECTED / CONV_2D / DEPTHWISE per output channel (else per tensor). */
  perChannel: z.boolean().default(true),
  /** int8 model input and output (microcontrollers), or float ones with QUANTIZE / DEQUANTIZE at the edges. */
  io: z.enum(['int8', 'float']).default('int8'),
  qat: qatSchema.prefault({}),
  prune: pruneSchema.prefault({}),
  structured: structuredSchema.prefault({}),
  /** Single-window invocations timed per variant; the median is reported. */
  latencyRuns: z.int().min(1).default(200),
  /** Seeds the calibration draw and any fine-tuning. */
  seed: z.int().default(42),
});

export type CompressSection = z.output<typeof compressSectionSchema>;
export type CompressSectionInput = z.input<typeof compressSectionSchema>;
