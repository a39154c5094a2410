/**
 * The sequence and the recurrent state into and out of the float WebAssembly recurrent kernels'
 * memory, where the input is doubles, the output floats, and each state doubles (float32 values,
 * exact) in groups of four units per sample (gate-panels.ts), so each product reads a value with
 * one broadcast load.
 */
import type { ByteLayout } from './byte-layout.js';
import { GROUP_UNITS, unitGroups } from './gate-panels.js';

const FLOAT_BYTES = 4;
const DOUBLE_BYTES = 8;

/** Byte offsets of the input, the output and each state in the kernel's memory. */
export interface SequenceRegions {
  x: number;
  out: number;
  states: number[];
}

/** Copies in before the kernel's call and out after it (views made once, loops without closures: nothing allocated per invoke). */
export interface SequenceCopies {
  copyIn(): void;
  copyOut(): void;
}

/** `rows` rows of `width` values, each `fromStride` apart in `from` and `toStride` apart in `to`. */
function copyRows(
  from: Float32Array | Float64Array,
  fromStride: number,
  to: Float32Array | Float64Array,
  toStride: number,
  rows: number,
  width: number,
): void {
  for (let row = 0; row < rows; row++) {
    for (let k = 0; k < width; k++) to[row * toStride + k] = from[row * fromStride + k];
  }
}

/** An op's input, output and states ([batch, units] each, hidden state first). */
export class RecurrentTensors {
  private readonly groupedStride: number;

  constructor(
    private readonly x: Float32Array,
    private readonly out: Float32Array,
    private readonly states: readonly Float32Array[],
    private readonly batch: number,
    private readonly units: number,
  ) {
    this.groupedStride = unitGroups(units) * GROUP_UNITS;
  }

  /** Their regions in the kernel's memory. */
  take(regions: ByteLayout): SequenceRegions {
    const stateBytes = this.batch * this.groupedStride * DOUBLE_BYTES;
    return {
      x: regions.take(this.x.length * DOUBLE_BYTES),
      out: regions.take(this.out.length * FLOAT_BYTES),
      states: this.states.map(() => regions.take(stateBytes)),
    };
  }

  /** The copies between the tensors and their regions of `memory` (state padding stays zero). */
  copies(memory: ArrayBuffer, at: SequenceRegions): SequenceCopies {
    const { x, out, states, batch, units, groupedStride } = this;
    const xView = new Float64Array(memory, at.x, x.length);
    const outView = new Float32Array(memory, at.out, out.length);
    const grouped = at.states.map((stateAt) => new Float64Array(memory, stateAt, batch * groupedStride));
    return {
      copyIn() {
        // set() is a memory copy here: every array is a view of an off-heap buffer (copy.ts's
        // allocation concerns arrays V8 keeps on the heap).
        xView.set(x);
        for (let i = 0; i < states.length; i++)
          copyRows(states[i], units, grouped[i], groupedStride, batch, units);
      },
      copyOut() {
        out.set(outView);
        for (let i = 0; i < states.length; i++)
          copyRows(grouped[i], groupedStride, states[i], units, batch, units);
      },
    };
  }
}
