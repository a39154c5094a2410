/** The train stage's deploy graph: lowered from the trained model and written beside it. */
import type { TrainedModel } from '../../train/model-file.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { encodeGraph } from '../format.js';
import type { Graph } from '../types.js';
import { lowerModel } from './index.js';

/** Lowers `model` (read from `modelFile`) and writes the graph to `graphFile` atomically. */
export async function lowerAndSave(
  model: TrainedModel,
  modelFile: string,
  graphFile: string,
): Promise<Graph> {
  const graph = lowerModel(model, modelFile);
  await writeFileAtomic(graphFile, encodeGraph(graph));
  return graph;
}
