import { stepRow, type SequenceLayout } from '../kernels/float/sequence.js';

/** Bytes between consecutive steps of one sample and between consecutive samples. */
export interface SequenceStrides {
  step: number;
  sample: number;
}

/** The strides of a [batch, time, width] sequence (or [time, batch, width] when time-major) of `valueBytes` values. */
export function sequenceStrides(layout: SequenceLayout, width: number, valueBytes: number): SequenceStrides {
  const rowBytes = width * valueBytes;
  return {
    step: (stepRow(layout, 0, 1) - stepRow(layout, 0, 0)) * rowBytes,
    sample: (stepRow(layout, 1, 0) - stepRow(layout, 0, 0)) * rowBytes,
  };
}
