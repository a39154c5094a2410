/** Where one step of one sequence sits in a recurrent op's input or output. */
export interface SequenceLayout {
  batch: number;
  steps: number;
  /** [time, batch, ...] instead of [batch, time, ...]. */
  timeMajor: boolean;
}

/** Row index of (sample b, step t): multiply by the row width for the offset. */
export function stepRow(layout: SequenceLayout, b: number, t: number): number {
  return layout.timeMajor ? t * layout.batch + b : b * layout.steps + t;
}

/** The layout of a [batch, time, ...] (or time-major) sequence of the given shape. */
export function sequenceLayout(shape: readonly number[], timeMajor: boolean): SequenceLayout {
  return timeMajor
    ? { batch: shape[1], steps: shape[0], timeMajor }
    : { batch: shape[0], steps: shape[1], timeMajor };
}
