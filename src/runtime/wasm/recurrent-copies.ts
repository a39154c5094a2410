/**
 * Recurrent state into and out of the WebAssembly recurrent kernels' memory, where it is
 * doubles (float32 values, exact) in groups of four units per sample (gate-panels.ts), so each
 * product reads a value with one broadcast load.
 */
import { GROUP_UNITS, unitGroups } from './gate-panels.js';

/** State rows [batch, units] into the kernels' grouped layout [batch, groups·4] (padding untouched). */
export function copyStateToGroups(
  state: Float32Array,
  grouped: Float64Array,
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
  grouped: Float64Array,
  state: Float32Array,
  batch: number,
  units: number,
): void {
  const stride = unitGroups(units) * GROUP_UNITS;
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < units; r++) state[b * units + r] = grouped[b * stride + r];
  }
}
