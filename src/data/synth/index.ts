/** Synthetic bearing-fault vibration data: the demo's and the tests' data. */
export { synthesize } from './synthesize.js';
export { writeSynthetic, type SyntheticFile } from './write.js';
export {
  resolveSynthOptions,
  type SynthOptions,
  type SynthLayout,
  type ResolvedSynthOptions,
} from './options.js';
export type { SynthTable, SynthColumn, SynthCell, ColumnKind } from './table.js';
export { CONDITIONS, classNames, type Condition, type FaultKind, type ClassScheme } from './conditions.js';
export { BEARING_6205, defectFrequencies, type BearingGeometry, type DefectFrequencies } from './bearing.js';
export { SAMPLE_RATE, SPEED_RANGE_RPM } from './machine.js';
