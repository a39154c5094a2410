/**
 * The compression variants this build offers, in table order. A variant is listed only once
 * the module that builds it exists; the config schema and the CLI accept exactly these names.
 */
export const VARIANT_NAMES = [
  'float32',
  'float16',
  'dynamic-range',
  'int8',
  'int8-qat',
  'pruned-int8',
  'structured-int8',
] as const;

export type VariantName = (typeof VARIANT_NAMES)[number];

/** What `compress` produces when the config or the flags name no variants. */
export const DEFAULT_VARIANTS: readonly VariantName[] = [
  'float32',
  'int8',
  'int8-qat',
  'pruned-int8',
  'structured-int8',
];
