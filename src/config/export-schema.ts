import { z } from 'zod';
import { VARIANT_NAMES } from '../compress/variant-names.js';
import { EXPORT_FORMATS } from '../export/formats.js';

/** The export section: which compress variants to write in which formats (each verified after writing). */
export const exportSectionSchema = z.strictObject({
  formats: z
    .array(z.enum(EXPORT_FORMATS))
    .min(1)
    .default(() => [...EXPORT_FORMATS]),
  /** Unset: every variant the compress stage built (or the trained float model without a compress stage). */
  variants: z.array(z.enum(VARIANT_NAMES)).min(1).optional(),
  /** Test windows each written file is run on and compared with the edgeforge runtime. */
  verifyWindows: z.int().min(1).default(64),
});

export type ExportSection = z.output<typeof exportSectionSchema>;
