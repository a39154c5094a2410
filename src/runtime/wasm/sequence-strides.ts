import type { SequenceLayout } from '../kernels/float/sequence.js';
import { stepRow } from '../kernels/float/sequence.js';
import type { PanelRegions } from './gate-panels.js';
import type { SequenceRegions } from './recurrent-copies.js';

const FLOAT_BYTES = 4;
const DOUBLE_BYTES = 8;

/** Bytes between consecutive steps of one sample and between consecutive samples. */
export interface SequenceStrides {
  step: number;
  sample: number;
}

/** The strides of a [batch, time, width] sequence (or [time, batch, width] when time-major) of `valueBytes` values. */
function sequenceStrides(layout: SequenceLayout, width: number, valueBytes: number): SequenceStrides {
  const rowBytes = width * valueBytes;
  return {
    step: (stepRow(layout, 0, 1) - stepRow(layout, 0, 0)) * rowBytes,
    sample: (stepRow(layout, 1, 0) - stepRow(layout, 0, 0)) * rowBytes,
  };
}

/** The export both float recurrent modules share: see assembly/lib/lf-sequence.ts (offsets and strides in bytes). */
export interface SequenceKernelExports {
  configureSequence(
    table: number,
    w: number,
    u: number,
    units: number,
    depth: number,
    batch: number,
    steps: number,
    x: number,
    xStep: number,
    xSample: number,
    out: number,
    outStep: number,
    outSample: number,
    scratch: number,
  ): void;
}

/**
 * Tells a float recurrent kernel where its op lies, once at creation: the input (doubles) with
 * the layout's strides, the output (floats) with `outStrides` (the layout's, or step 0 to keep
 * only the last step).
 */
export function configureSequence(
  kernel: SequenceKernelExports,
  panels: PanelRegions,
  tensors: SequenceRegions,
  shape: { units: number; depth: number; layout: SequenceLayout },
  outStrides: SequenceStrides,
): void {
  const { units, depth, layout } = shape;
  const xStrides = sequenceStrides(layout, depth, DOUBLE_BYTES);
  kernel.configureSequence(
    panels.table,
    panels.w,
    panels.u,
    units,
    depth,
    layout.batch,
    layout.steps,
    tensors.x,
    xStrides.step,
    xStrides.sample,
    tensors.out,
    outStrides.step,
    outStrides.sample,
    panels.scratch,
  );
}

/**
 * The strides of an output of float rows of `units`: every step's, or (everyStep false) each
 * sample's one row, which every step overwrites so that the last one stays.
 */
export function outputStrides(layout: SequenceLayout, units: number, everyStep: boolean): SequenceStrides {
  return everyStep ? sequenceStrides(layout, units, FLOAT_BYTES) : { step: 0, sample: units * FLOAT_BYTES };
}
