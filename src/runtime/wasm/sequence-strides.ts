import { stepRow, type SequenceLayout } from '../kernels/float/sequence.js';

const FLOAT_BYTES = 4;

/** Bytes between consecutive steps of one sample and between consecutive samples, for rows of `width` floats. */
export interface SequenceStrides {
  step: number;
  sample: number;
}

/** The strides of a [batch, time, width] sequence (or [time, batch, width] when time-major). */
export function sequenceStrides(layout: SequenceLayout, width: number): SequenceStrides {
  const rowBytes = width * FLOAT_BYTES;
  return {
    step: (stepRow(layout, 0, 1) - stepRow(layout, 0, 0)) * rowBytes,
    sample: (stepRow(layout, 1, 0) - stepRow(layout, 0, 0)) * rowBytes,
  };
}
