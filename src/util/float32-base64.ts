import { EdgeforgeError, type ErrorLocation } from '../errors.js';

/*
 * Float32 arrays as base64 of their little-endian bytes: JSON-safe and bit-exact, so a
 * checkpoint resumes with exactly the optimizer state it saved (number[] would too,
 * but at about three times the size).
 */

export function encodeFloat32(values: Float32Array): string {
  const bytes = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((value, i) => bytes.setFloat32(i * 4, value, true));
  return Buffer.from(bytes.buffer).toString('base64');
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeFloat32(text: string, where: ErrorLocation): Float32Array {
  const bytes = base64Pattern.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (bytes === undefined || bytes.length % 4 !== 0) {
    throw new EdgeforgeError('is not base64 of float32 values', {
      ...where,
      fix: 'The checkpoint is damaged; resume from another one or start over',
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
