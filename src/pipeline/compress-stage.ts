/** The compress stage of a pipeline run: every configured variant of the trained model, with its files. */
import {
  compressModel,
  type CompressOptions,
  type CompressReport,
  type ModelData,
} from '../compress/index.js';
import type { CompressSection } from '../config/compress-schema.js';
import { loadModel } from '../train/model-file.js';

export async function runCompressStage(
  modelFile: string,
  data: ModelData,
  settings: CompressSection,
  out: string,
  hooks: Pick<CompressOptions, 'signal' | 'onStep'> = {},
): Promise<{ result: CompressReport; files: string[] }> {
  const model = await loadModel(modelFile);
  const compressed = await compressModel(model, data, { settings, out, modelFile, ...hooks });
  const files = [
    compressed.summary,
    ...compressed.report.variants.flatMap((variant) => Object.values(variant.files)),
  ];
  return { result: compressed.report, files };
}
