import { z } from 'zod';
import { benchSectionSchema, reportSectionSchema } from './bench-schema.js';
import { compressSectionSchema } from './compress-schema.js';
import { dataSectionSchema } from './data-schema.js';
import { exportSectionSchema } from './export-schema.js';
import { trainSectionSchema } from './train-schema.js';

/**
 * The pipeline config: one YAML file, one section per stage. Stages run in the order
 * of STAGES; a stage runs when its section is present.
 */
export const STAGES = ['data', 'train', 'compress', 'export', 'bench', 'report'] as const;
export type Stage = (typeof STAGES)[number];

export const configSchema = z
  .strictObject({
    version: z.literal(1).default(1),
    /** Run name; outputs go to `output` (default runs/<name>). */
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/)
      .default('run'),
    output: z.string().min(1).optional(),
    data: dataSectionSchema,
    train: trainSectionSchema.optional(),
    /** Needs train: the variants are built from the trained model. */
    compress: compressSectionSchema.optional(),
    /** Needs train; exports the compress variants when there is a compress section. */
    export: exportSectionSchema.optional(),
    /** Needs train; measures every variant (and its exports) on every runner. */
    bench: benchSectionSchema.optional(),
    /** report.html, report.md and report.json of everything the run produced. */
    report: reportSectionSchema.optional(),
  })
  .superRefine((config, context) => {
    // Each later stage works on the trained model.
    for (const stage of ['compress', 'export', 'bench'] as const) {
      if (config[stage] && !config.train)
        context.addIssue({
          code: 'custom',
          path: [stage],
          message: `the ${stage} stage needs a train section before it`,
        });
    }
  });

export type PipelineConfig = z.output<typeof configSchema>;
export type PipelineConfigInput = z.input<typeof configSchema>;
