/**
 * The model a prediction runs: a trained model.json (lowered to a deploy graph on the fly)
 * or a saved .efg graph, with everything inference needs from its metadata.
 */
import { readFile } from 'node:fs/promises';
import type { LabelRule } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import { decodeGraph } from '../graph/format.js';
import { lowerModel } from '../graph/lower/index.js';
import type { Graph, Preprocessing } from '../graph/types.js';
import { loadModel } from '../train/model-file.js';
import type { ColumnHints } from './columns.js';

export type PredictTask = 'binary' | 'multiclass' | 'autoencoder';

export interface PredictionModel {
  file: string;
  graph: Graph;
  task: PredictTask;
  /** Output index -> class name (autoencoders: the classes of the data they were trained on). */
  classes: string[];
  pre: Preprocessing;
  anomaly?: { threshold: number; normalClass: string };
  /** How a long-layout window's label was chosen at training ('last' when the graph does not say). */
  labelRule: LabelRule;
  hints: ColumnHints;
}

/** model.json is JSON text; anything else is taken for a binary .efg graph. */
function isJson(bytes: Uint8Array): boolean {
  // The decoder drops a byte-order mark.
  return new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().startsWith('{');
}

async function readModelBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EdgeforgeError(
      code === 'EISDIR' ? 'is a folder, not a model file' : 'model file not found or not readable',
      {
        file,
        fix: 'Pass the model.json that edgeforge train wrote, or a .efg graph',
      },
    );
  }
}

export async function loadPredictionModel(file: string): Promise<PredictionModel> {
  const bytes = await readModelBytes(file);
  if (isJson(bytes)) {
    const trained = await loadModel(file);
    const graph = lowerModel(trained, file);
    const { ingest } = trained.data;
    const rule = trained.preprocessing.window?.labelRule === 'majority' ? 'majority' : 'last';
    return fromGraph(file, graph, rule, {
      group: ingest.groupColumn,
      timestamp: ingest.timestampColumn,
    });
  }
  return fromGraph(file, decodeGraph(bytes, file), undefined, {});
}

function fromGraph(
  file: string,
  graph: Graph,
  labelRule: LabelRule | undefined,
  hints: ColumnHints,
): PredictionModel {
  const { task, preprocessing, classes, anomaly } = graph.metadata;
  if (task === 'other' || preprocessing === undefined) {
    throw new EdgeforgeError('the graph carries no edgeforge task and preprocessing (a foreign model)', {
      file,
      fix: 'Predict with a model edgeforge trained: its model.json or the model.efg written beside it',
    });
  }
  if (task === 'autoencoder' && anomaly === undefined) {
    throw new EdgeforgeError('the autoencoder carries no anomaly threshold', {
      file,
      place: 'metadata.anomaly',
      fix: 'Train the autoencoder again with edgeforge train, which chooses the threshold',
    });
  }
  return { file, graph, task, classes, pre: preprocessing, anomaly, labelRule: labelRule ?? 'last', hints };
}
