/**
 * Layer specifications: the JSON-serialisable description a layer is built from and
 * returns from config(). One zod schema per layer type gives both the TypeScript type
 * and the validation of specs read from files, with one-line errors naming the field.
 */
import { z } from 'zod';
import { EdgeforgeError } from '../errors.js';

const activation = z.enum(['linear', 'relu', 'relu6', 'tanh', 'sigmoid', 'softmax']);
const name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must start with a letter and use only letters, digits, _ . -')
  .optional();
const count = z.int().positive();
const padding = z.enum(['valid', 'same']);

const schemas = [
  z.strictObject({
    type: z.literal('dense'),
    name,
    units: count,
    activation: activation.optional(),
    useBias: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('lstm'), name, units: count, returnSequences: z.boolean().optional() }),
  z.strictObject({ type: z.literal('gru'), name, units: count, returnSequences: z.boolean().optional() }),
  z.strictObject({
    type: z.literal('conv1d'),
    name,
    filters: count,
    kernelSize: count,
    strides: count.optional(),
    dilationRate: count.optional(),
    padding: z.enum(['valid', 'same', 'causal']).optional(),
    activation: activation.optional(),
    useBias: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('depthwise_conv1d'),
    name,
    kernelSize: count,
    depthMultiplier: count.optional(),
    strides: count.optional(),
    dilationRate: count.optional(),
    padding: padding.optional(),
    activation: activation.optional(),
    useBias: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('max_pooling1d'),
    name,
    poolSize: count.optional(),
    strides: count.optional(),
    padding: padding.optional(),
  }),
  z.strictObject({
    type: z.literal('average_pooling1d'),
    name,
    poolSize: count.optional(),
    strides: count.optional(),
    padding: padding.optional(),
  }),
  z.strictObject({ type: z.literal('global_average_pooling1d'), name }),
  z.strictObject({ type: z.literal('global_max_pooling1d'), name }),
  z.strictObject({ type: z.literal('flatten'), name }),
  z.strictObject({
    type: z.literal('dropout'),
    name,
    rate: z.number().min(0).lt(1),
    seed: z.int().optional(),
  }),
  z.strictObject({
    type: z.literal('batch_normalization'),
    name,
    momentum: z.number().min(0).max(1).optional(),
    epsilon: z.number().positive().optional(),
    center: z.boolean().optional(),
    scale: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('activation'), name, activation }),
] as const;

const layerSpecSchema = z.discriminatedUnion('type', schemas);

export type LayerSpec = z.infer<typeof layerSpecSchema>;
export type LayerType = LayerSpec['type'];
export type SpecOf<T extends LayerType> = Extract<LayerSpec, { type: T }>;

/**
 * Validates a spec from a file or a caller. `place` names it in errors, e.g. "model.layers[2]".
 */
export function parseLayerSpec(value: unknown, place: string, file?: string): LayerSpec {
  const result = layerSpecSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  throw new EdgeforgeError(`invalid layer spec: ${issue.message}`, {
    file,
    place: `${place}${field}`,
    fix: fieldsHint(value),
  });
}

/** What a fix looks like: the fields of the layer type named, or the valid types. */
function fieldsHint(value: unknown): string {
  const type = typeof value === 'object' && value !== null && 'type' in value ? value.type : undefined;
  const schema = schemas.find((candidate) => candidate.shape.type.value === type);
  if (schema === undefined) {
    return `set type to one of: ${schemas.map((candidate) => candidate.shape.type.value).join(', ')}`;
  }
  const fields = Object.entries(schema.shape)
    .filter(([key]) => key !== 'type')
    .map(([key, fieldSchema]) => (fieldSchema.safeParse(undefined).success ? key : `${key} (required)`));
  return `a '${String(type)}' layer takes ${fields.join(', ')}`;
}
