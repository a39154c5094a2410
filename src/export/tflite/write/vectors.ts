/**
 * Flatbuffer vectors for the TFLite tables. The Builder writes back to front, so elements
 * are added in reverse to read in order.
 */
import type { Builder } from 'flatbuffers';

export function int32Vector(builder: Builder, values: readonly number[]): number {
  builder.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) builder.addInt32(values[i]!);
  return builder.endVector();
}

export function int64Vector(builder: Builder, values: readonly number[]): number {
  builder.startVector(8, values.length, 8);
  for (let i = values.length - 1; i >= 0; i--) builder.addInt64(BigInt(values[i]!));
  return builder.endVector();
}

export function float32Vector(builder: Builder, values: readonly number[]): number {
  builder.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) builder.addFloat32(values[i]!);
  return builder.endVector();
}

export function offsetVector(builder: Builder, offsets: readonly number[]): number {
  builder.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) builder.addOffset(offsets[i]!);
  return builder.endVector();
}

/** Buffer data aligned to 16 bytes, as the converter does, so kernels may read it in place. */
export function alignedBytes(builder: Builder, bytes: Uint8Array): number {
  builder.startVector(1, bytes.length, 16);
  for (let i = bytes.length - 1; i >= 0; i--) builder.addInt8(bytes[i]!);
  return builder.endVector();
}
