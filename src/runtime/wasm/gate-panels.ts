/**
 * The packed weights of the WebAssembly recurrent kernels (assembly/lib/lf-panel.ts): units in
 * groups of four, and for each group one panel whose column k holds, gate after gate (four
 * gates; a GRU's three leave the fourth zero), the four units' weights for input k as doubles
 * (a float32 weight is exact as a double, and the kernels sum in double). One pass over a panel
 * gives every gate of its four units. Units past the last real one are zero rows.
 */

/** Units per group: two v128 of doubles per row of state or gates. */
export const GROUP_UNITS = 4;
const PANEL_GATES = 4;
const DOUBLE_BYTES = 8;

/** Groups of four for `units` units (the last one padded). */
export function unitGroups(units: number): number {
  return Math.ceil(units / GROUP_UNITS);
}

/** Bytes of the panels for `units` units over `cols` inputs (cols 1: the biases). */
export function gatePanelBytes(units: number, cols: number): number {
  return unitGroups(units) * cols * PANEL_GATES * GROUP_UNITS * DOUBLE_BYTES;
}

/**
 * Writes the panels of `gates` (at most four, each [units, cols] row-major, in panel order) into
 * `memory` at byte `at`, which must be zero: group q, column k, gate g, unit u of the group at
 * double ((q·cols + k)·4 + g)·4 + u. Gates not given stay zero.
 */
export function packGatePanels(
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
 * 2^(j/64) for j < 64 at byte `at`: the table the kernels' exponential reads, the same values
 * as src/runtime/kernels/float/transcendental.ts computes for its own.
 */
export function writeFractionPowers(memory: ArrayBuffer, at: number): void {
  const table = new Float64Array(memory, at, 64);
  for (let j = 0; j < 64; j++) table[j] = Math.pow(2, j / 64);
}

/**
 * Bytes to reserve at the table: its 64 doubles and the nine constant pairs the kernels store
 * after it (assembly/lib/lf-logistic.ts writeLogisticConstants).
 */
export const LOGISTIC_TABLE_BYTES = 64 * 8 + 9 * 16;

/**
 * Scratch bytes of a kernel step: two sets of one group's sums (a panel of one column each),
 * then `rows` rows of doubles for every unit (gates, activations).
 */
export function stepScratchBytes(units: number, rows: number): number {
  return 2 * gatePanelBytes(GROUP_UNITS, 1) + rows * unitGroups(units) * GROUP_UNITS * DOUBLE_BYTES;
}
