import { z } from 'zod';

/** How to cut long-layout recordings into windows. */
const windowSchema = z.strictObject({
  length: z.int().min(2),
  stride: z.int().min(1),
  label: z.enum(['last', 'majority']).default('last'),
});

const cleanSchema = z.strictObject({
  policy: z.enum(['drop', 'interpolate', 'fill']).default('drop'),
  fill: z.number().default(0),
});

const fraction = z.number().min(0).max(1);

const splitRuleSchema = z.strictObject({
  column: z.string().min(1),
  values: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
  split: z.enum(['train', 'validation', 'test']),
});

const splitSchema = z.strictObject({
  train: fraction.default(0.7),
  validation: fraction.default(0.1),
  test: fraction.default(0.2),
  seed: z.int().default(42),
  stratify: z.boolean().default(true),
  by: z.enum(['auto', 'recording', 'sample']).default('auto'),
  rules: z.array(splitRuleSchema).default([]),
});

const scaleSchema = z.strictObject({
  method: z.enum(['standard', 'minmax', 'robust', 'none']).default('standard'),
  per: z.enum(['feature', 'channel']).default('feature'),
});

const augmentSchema = z.strictObject({
  seed: z.int().default(42),
  noise: z.number().min(0).default(0),
  scale: z.number().min(0).max(1).default(0),
  shift: z.int().min(0).default(0),
  copies: z.int().min(0).default(0),
  balance: z.union([z.boolean(), z.number().min(0).max(1)]).default(false),
});

/** Generate the demo's synthetic data into data.file before ingesting it. */
const synthesizeSchema = z.strictObject({
  layout: z.enum(['wide', 'long']).default('wide'),
  /** Unset: the generator's per-layout defaults (wide 6000 windows of 64; long 409,600 steps, 2048 per recording). */
  rows: z.int().min(1).optional(),
  length: z.int().min(8).optional(),
  seed: z.int().default(42),
  difficulty: z.number().min(0).max(1).default(0.5),
  classes: z.enum(['binary', 'multiclass']).default('binary'),
});

export const dataSectionSchema = z.strictObject({
  file: z.string().min(1),
  layout: z.enum(['auto', 'wide', 'long']).default('auto'),
  label: z.string().min(1).optional(),
  features: z.array(z.string().min(1)).optional(),
  ignore: z.array(z.string().min(1)).default([]),
  group: z.string().min(1).optional(),
  timestamp: z.string().min(1).optional(),
  window: windowSchema.optional(),
  clean: cleanSchema.prefault({}),
  split: splitSchema.prefault({}),
  scale: scaleSchema.prefault({}),
  augment: augmentSchema.prefault({}),
  synthesize: synthesizeSchema.optional(),
});

export type DataSection = z.output<typeof dataSectionSchema>;
