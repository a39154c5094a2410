/** How an exported file was checked: the runtime that ran it and how far its outputs were from edgeforge's. */
import type { Graph } from '../graph/types.js';
import { FloatRunner } from '../runtime/float-runner.js';

export interface Verification {
  /** The runtime that ran the exported file. */
  runtime: string;
  windows: number;
  maxAbsDiff: number;
  /** The largest difference allowed for this model (0 for int8 files read back bit for bit). */
  tolerance: number;
  passed: boolean;
}

/** Float-model tolerance; int8 outputs must match exactly in a bit-exact runtime. */
export const FLOAT_TOLERANCE = 1e-5;

export function isIntegerGraph(graph: Graph): boolean {
  return graph.tensors.some((tensor) => tensor.data === undefined && tensor.dtype === 'int8');
}

/** Largest |a - b| over equal-length arrays. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Runs two graphs window by window through the edgeforge runtime and compares their outputs. */
export function compareRunners(
  reference: Graph,
  candidate: Graph,
  windows: Float32Array,
  count: number,
  runtime: string,
): Verification {
  const expected = new FloatRunner(reference);
  const actual = new FloatRunner(candidate);
  const size = expected.input.length;
  let worst = 0;
  for (let w = 0; w < count; w++) {
    const window = windows.subarray(w * size, (w + 1) * size);
    expected.input.set(window);
    actual.input.set(window);
    worst = Math.max(worst, maxAbsDifference(expected.run(), actual.run()));
  }
  const tolerance = isIntegerGraph(reference) ? 0 : FLOAT_TOLERANCE;
  return { runtime, windows: count, maxAbsDiff: worst, tolerance, passed: worst <= tolerance };
}
