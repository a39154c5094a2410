/**
 * The packed weights of the WebAssembly recurrent kernels (assembly/lib/lf-panel.ts): units in
 * groups of four, and for each group one panel whose column k holds, gate after gate, the four
 * units' weights for input k as doubles (a float32 weight is exact as a double, and the kernels
 * sum in double). One pass over a panel gives every gate of its four units. Units past the last
 * real one are zero rows.
 */

/** Units per group: one v128 of float32 state, two of doubles. */
export const GROUP_UNITS = 4;

/** Groups of four for `units` units (the last one padded). */
export function unitGroups(units: number): number {
  return Math.ceil(units / GROUP_UNITS);
}

/**
 * Writes the panels of `gates` (each [units, cols] row-major, in panel order) into `target`
 * from index `at`: group q, column k, gate g, unit u of the group at ((q·cols + k)·gates + g)·4 + u.
 */
export function packGatePanels(
  gates: readonly Float32Array[],
  units: number,
  cols: number,
  target: Float64Array,
  at: number,
): void {
  const column = gates.length * GROUP_UNITS;
  gates.forEach((weights, g) => {
    for (let unit = 0; unit < units; unit++) {
      const group = Math.floor(unit / GROUP_UNITS);
      const lane = g * GROUP_UNITS + (unit % GROUP_UNITS);
      for (let k = 0; k < cols; k++)
        target[at + (group * cols + k) * column + lane] = weights[unit * cols + k];
    }
  });
}

/** The gates' biases (each [units], panel order) grouped like the panels: a panel of one column. */
export function packGateBiases(
  biases: readonly Float32Array[],
  units: number,
  target: Float64Array,
  at: number,
): void {
  packGatePanels(biases, units, 1, target, at);
}

/**
 * 2^(j/64) for j < 64 at `at`: the table the kernels' exponential reads, the same values as
 * src/runtime/kernels/float/transcendental.ts computes for its own.
 */
export function writeFractionPowers(target: Float64Array, at: number): void {
  for (let j = 0; j < 64; j++) target[at + j] = Math.pow(2, j / 64);
}

/**
 * Bytes to reserve at the table: its 64 doubles and the nine constant pairs the kernels store
 * after it (assembly/lib/lf-logistic.ts LOGISTIC_TABLE_BYTES).
 */
export const LOGISTIC_TABLE_BYTES = 64 * 8 + 9 * 16;

/** State rows [batch, units] into the kernels' grouped layout [batch, groups·4] (padding untouched). */
export function copyStateToGroups(
  state: Float32Array,
  grouped: Float32Array,
  batch: number,
  units: number,
): void {
  const stride = unitGroups(units) * GROUP_UNITS;
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < units; r++) grouped[b * stride + r] = state[b * units + r];
  }
}

/** The kernels' grouped state back into rows [batch, units]. */
export function copyStateFromGroups(
  grouped: Float32Array,
  state: Float32Array,
  batch: number,
  units: number,
): void {
  const stride = unitGroups(units) * GROUP_UNITS;
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < units; r++) state[b * units + r] = grouped[b * stride + r];
  }
}
