/**
 * The packed weights of the WebAssembly recurrent kernels (assembly/lib/lf-panel.ts): units in
 * groups of four, and for each group one panel whose column k holds, gate after gate (four
 * gates; a GRU's three leave the fourth zero), the four units' weights for input k as doubles
 * (a float32 weight is exact as a double, and the kernels sum in double). One pass over a panel
 * gives every gate of its four units. Units past the last real one are zero rows. Also the
 * regions of the kernels' other constants (the exponential's table) and of a step's scratch.
 */
import { FRACTION_POWERS } from '../kernels/float/transcendental.js';
import type { ByteLayout } from './byte-layout.js';

/** Units per group: two v128 of doubles per row of state or gates. */
export const GROUP_UNITS = 4;
const PANEL_GATES = 4;
const DOUBLE_BYTES = 8;

/** Groups of four for `units` units (the last one padded). */
export function unitGroups(units: number): number {
  return Math.ceil(units / GROUP_UNITS);
}

/** Bytes of the panels for `units` units over `cols` inputs (cols 1: the biases). */
function gatePanelBytes(units: number, cols: number): number {
  return unitGroups(units) * cols * PANEL_GATES * GROUP_UNITS * DOUBLE_BYTES;
}

/**
 * Writes the panels of `gates` (at most four, each [units, cols] row-major, in panel order) into
 * `memory` at byte `at`, which must be zero: group q, column k, gate g, unit u of the group at
 * double ((q·cols + k)·4 + g)·4 + u. Gates not given stay zero.
 */
function packGatePanels(
  gates: readonly Float32Array[],
  units: number,
  cols: number,
  memory: ArrayBuffer,
  at: number,
): void {
  const target = new Float64Array(memory, at, gatePanelBytes(units, cols) / DOUBLE_BYTES);
  const column = PANEL_GATES * GROUP_UNITS;
  gates.forEach((weights, g) => {
    for (let unit = 0; unit < units; unit++) {
      const group = Math.floor(unit / GROUP_UNITS);
      const lane = g * GROUP_UNITS + (unit % GROUP_UNITS);
      for (let k = 0; k < cols; k++) target[(group * cols + k) * column + lane] = weights[unit * cols + k];
    }
  });
}

/**
 * Bytes to reserve at the table: its 64 doubles and the nine constant pairs the kernels store
 * after it (assembly/lib/lf-logistic.ts writeLogisticConstants).
 */
const LOGISTIC_TABLE_BYTES = FRACTION_POWERS.length * DOUBLE_BYTES + 9 * 16;

/**
 * Scratch bytes of a kernel step: two sets of one group's sums (a panel of one column each),
 * then `rows` rows of doubles for every unit (gates, activations).
 */
function stepScratchBytes(units: number, rows: number): number {
  return 2 * gatePanelBytes(GROUP_UNITS, 1) + rows * unitGroups(units) * GROUP_UNITS * DOUBLE_BYTES;
}

/** Byte offsets of a kernel's constants and scratch in its memory. */
export interface PanelRegions {
  table: number;
  scratch: number;
  w: number;
  u: number;
  /** One set of bias panels each (the LSTM's gate biases; the GRU's input and recurrent biases). */
  biases: number[];
}

/**
 * Takes the regions of the table, a step's scratch with `scratchRows` rows per unit, the input
 * and recurrent panels and `biasSets` bias panels.
 */
export function takePanelRegions(
  regions: ByteLayout,
  units: number,
  depth: number,
  scratchRows: number,
  biasSets: number,
): PanelRegions {
  return {
    table: regions.take(LOGISTIC_TABLE_BYTES),
    scratch: regions.take(stepScratchBytes(units, scratchRows)),
    w: regions.take(gatePanelBytes(units, depth)),
    u: regions.take(gatePanelBytes(units, units)),
    biases: Array.from({ length: biasSets }, () => regions.take(gatePanelBytes(units, 1))),
  };
}

/** The gates' weights and biases (panel order) packed at `at`, and the exponential's table 2^(j/64). */
export function writePanels(
  memory: ArrayBuffer,
  at: PanelRegions,
  weights: { w: readonly Float32Array[]; u: readonly Float32Array[]; biases: readonly Float32Array[][] },
  units: number,
  depth: number,
): void {
  new Float64Array(memory, at.table, FRACTION_POWERS.length).set(FRACTION_POWERS);
  packGatePanels(weights.w, units, depth, memory, at.w);
  packGatePanels(weights.u, units, units, memory, at.u);
  weights.biases.forEach((gates, i) => packGatePanels(gates, units, 1, memory, at.biases[i]));
}
