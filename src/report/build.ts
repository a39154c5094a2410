/** The report document from a run folder's stage outputs, one section per stage. */
import { basename, resolve } from 'node:path';
import { adviseAll } from '../advise/index.js';
import type { ReportDocument } from './document.js';
import type { RunInputs } from './inputs.js';
import { adviceSection } from './sections/advice.js';
import { benchSection } from './sections/bench.js';
import { compressionSection } from './sections/compression.js';
import { dataSection } from './sections/data.js';
import { exportsSection } from './sections/exports.js';
import { trainingSection } from './sections/training.js';
import { tradeoffSection } from './sections/tradeoffs.js';

export function buildReport(inputs: RunInputs, createdAt: Date = new Date()): ReportDocument {
  const { files } = inputs;
  // bench.json repeats compress.json's variants, so the trade-offs still draw when only bench.json was kept.
  const variants = inputs.compress?.variants ?? inputs.bench?.variants;
  const advice = inputs.bench && adviseAll(inputs.bench);
  return {
    title: `edgeforge report: ${basename(resolve(inputs.run))}`,
    run: inputs.run,
    createdAt: createdAt.toISOString(),
    sections: [
      dataSection(inputs.data, files.data),
      trainingSection(inputs.model, files.model),
      compressionSection(inputs.compress, files.compress),
      tradeoffSection(variants, inputs.bench, files.compress),
      exportsSection(inputs.exports, files.export),
      benchSection(inputs.bench, advice, files.bench),
      adviceSection(inputs.bench, advice, files.bench),
    ],
  };
}
