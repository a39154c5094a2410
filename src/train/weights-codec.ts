import type { ErrorLocation } from '../errors.js';
import { decodeFloat32, encodeFloat32 } from '../util/float32-base64.js';

/** Named float32 tensors <-> JSON-safe base64 strings, bit-exact both ways. */
export function encodeWeights(weights: Record<string, Float32Array>): Record<string, string> {
  return Object.fromEntries(Object.entries(weights).map(([name, values]) => [name, encodeFloat32(values)]));
}

export function decodeWeights(
  encoded: Record<string, string>,
  where: ErrorLocation,
): Record<string, Float32Array> {
  return Object.fromEntries(
    Object.entries(encoded).map(([name, text]) => [
      name,
      decodeFloat32(text, { ...where, place: `weights['${name}']` }),
    ]),
  );
}
