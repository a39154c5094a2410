/**
 * The model a prediction runs: a trained model.json (lowered to a deploy graph on the fly)
 * or a saved .efg graph (see pipeline/open-model.ts), with everything inference needs from
 * its metadata.
 */
import type { LabelRule } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import type { Graph, Preprocessing } from '../graph/types.js';
import { openModelFile } from '../pipeline/open-model.js';
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
  /** How a long-layout window's label was chosen in training. */
  labelRule: LabelRule;
  hints: ColumnHints;
}

/** Lowering records how long-layout windows were labelled in training; 'last' when it does not say. */
function labelRuleOf(graph: Graph): LabelRule {
  return graph.metadata.notes?.labelRule === 'majority' ? 'majority' : 'last';
}

export async function loadPredictionModel(file: string): Promise<PredictionModel> {
  const { graph, trained } = await openModelFile(file);
  const ingest = trained?.data.ingest;
  return fromGraph(
    file,
    graph,
    ingest ? { group: ingest.groupColumn, timestamp: ingest.timestampColumn } : {},
  );
}

function fromGraph(file: string, graph: Graph, hints: ColumnHints): PredictionModel {
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
  return { file, graph, task, classes, pre: preprocessing, anomaly, labelRule: labelRuleOf(graph), hints };
}
