/** The data stage's public API: `import { prepareData } from 'edgeforge/data'`. */
export { dataSectionSchema, type DataSection } from '../config/data-schema.js';
export { prepareData, type PreparedData, type DataSummary, type SplitSummary } from './prepare.js';
export { ingest, type IngestOptions } from './ingest.js';
export { splitData, type SplitOptions } from './split.js';
export { fitScaler, applyScaler, inverseScaler } from './scale.js';
export { augment, type AugmentOptions } from './augment.js';
export { subset, concat, classCounts } from './window-set.js';
export { synthesize, writeSynthetic, type SynthOptions } from './synth/index.js';
export type * from './types.js';
