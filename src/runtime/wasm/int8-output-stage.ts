/**
 * The int8 output stage's constants as assembly/lib/ci-output-stage.ts reads them: per quad of
 * four output channels, QUAD_BYTES of i32x4 bias, 2^leftShift, multiplier and negative-nudge
 * mask, then f64 lanes of the rounding term 2^(e-1) and the scale 2^-e for right shift e.
 * Channels past the real ones stay zero (their outputs are computed and never read).
 */
import type { OutputStage } from '../kernels/int8/output-stage.js';

export const QUAD_BYTES = 128;
/** Output channels per group (the SIMD kernels' unit of work: two quads). */
export const GROUP = 8;

/** Offsets within a quad, in bytes: i32 fields per lane, f64 fields per pair of lanes. */
const BIAS = 0;
const LEFT = 16;
const MULTIPLIER = 32;
const NEGATIVE_NUDGE = 48;
const ROUND = 64;
const SCALE = 96;
export function stageBytes(channels: number): number {
  return Math.ceil(channels / GROUP) * 2 * QUAD_BYTES;
}

/**
 * Whether the vector stage computes `stage` exactly: multipliers in [0, 2^31) keep the
 * doubling high multiply off its saturating case, and shifts within int32's range.
 */
export function stageFits(stage: OutputStage): boolean {
  const { multipliers, shifts } = stage;
  for (let c = 0; c < multipliers.length; c++) {
    if (multipliers[c] < 0 || shifts[c] > 30 || shifts[c] < -31) return false;
  }
  return true;
}

/**
 * Writes the constants of `channels` channels at byte `at` of `buffer`, with `biases[c]` added
 * to channel c's accumulator first (the bias and any folded zero-point term).
 */
export function writeStage(
  buffer: ArrayBuffer,
  at: number,
  stage: OutputStage,
  channels: number,
  biases: (channel: number) => number,
): void {
  const words = new Int32Array(buffer, at, stageBytes(channels) / 4);
  const doubles = new Float64Array(buffer, at, stageBytes(channels) / 8);
  for (let c = 0; c < channels; c++) {
    const quad = Math.floor(c / 4) * QUAD_BYTES;
    const lane = c % 4;
    const laneDouble = (offset: number) => (quad + offset + (lane >> 1) * 16 + (lane & 1) * 8) / 8;
    const shift = stage.shifts[c];
    const right = shift > 0 ? 0 : -shift;
    words[(quad + BIAS) / 4 + lane] = biases(c);
    words[(quad + LEFT) / 4 + lane] = shift > 0 ? 1 << shift : 1;
    words[(quad + MULTIPLIER) / 4 + lane] = stage.multipliers[c];
    words[(quad + NEGATIVE_NUDGE) / 4 + lane] = right > 0 ? -1 : 0;
    doubles[laneDouble(ROUND)] = right > 0 ? 2 ** (right - 1) : 0;
    doubles[laneDouble(SCALE)] = 2 ** -right;
  }
}
