/**
 * Scores a deploy graph (float or quantized) on a split by running it in the edgeforge
 * runtime, and reads its outputs as the model's task means them.
 */
import type { WindowSet } from '../data/types.js';
import { EdgeforgeError } from '../errors.js';
import type { Graph } from '../graph/types.js';
import { FloatRunner } from '../runtime/float-runner.js';
import { argmaxRows, binaryClasses } from '../train/losses/predictions.js';
import { anomalyAuc, isAnomalous } from '../train/metrics/anomaly.js';
import { classificationReport, type ClassificationReport } from '../train/metrics/classification-report.js';
import type { TrainedModel } from '../train/model-file.js';
import { normalClassId } from '../train/normal-class.js';

/** Windows per runtime invocation while scoring. */
export const EVALUATION_BATCH = 64;

export interface GraphEvaluation {
  accuracy: number;
  /** binary: F1 of class 1; multiclass: macro F1; autoencoder: F1 of the anomaly class. */
  f1: number;
  /** Binary: ROC-AUC of class 1's probability; autoencoder: of the reconstruction error. */
  auc?: number;
  /** Autoencoders: classes normal / anomaly, with the model's threshold applied. */
  report: ClassificationReport;
}

/** Output 0 for every window of `data`, in order: [count, output values per window]. */
export function graphOutputs(graph: Graph, data: WindowSet, batch = EVALUATION_BATCH): Float32Array {
  const runner = new FloatRunner(graph, { batch });
  const sampleSize = data.steps * data.channels;
  const outputSize = runner.interpreter.outputData(0).length / batch;
  const outputs = new Float32Array(data.count * outputSize);
  for (let start = 0; start < data.count; start += batch) {
    const size = Math.min(batch, data.count - start);
    // A short last batch is padded with zero windows whose outputs are dropped: windows are independent.
    runner.input.fill(0);
    runner.input.set(data.x.subarray(start * sampleSize, (start + size) * sampleSize));
    const output = runner.run();
    outputs.set(output.subarray(0, size * outputSize), start * outputSize);
  }
  return outputs;
}

export function evaluateGraph(graph: Graph, data: WindowSet, model: TrainedModel): GraphEvaluation {
  const outputs = graphOutputs(graph, data);
  switch (model.task) {
    case 'binary': {
      const report = classificationReport(data.y, binaryClasses(outputs), data.classes, outputs);
      return { accuracy: report.accuracy, f1: report.binaryF1!, auc: report.rocAuc, report };
    }
    case 'multiclass': {
      const report = classificationReport(data.y, argmaxRows(outputs, data.classes.length), data.classes);
      return { accuracy: report.accuracy, f1: report.macro.f1, report };
    }
    case 'autoencoder':
      return evaluateAnomaly(outputs, data, model);
  }
}

function evaluateAnomaly(
  reconstruction: Float32Array,
  data: WindowSet,
  model: TrainedModel,
): GraphEvaluation {
  const sampleSize = data.steps * data.channels;
  const errors = new Float32Array(data.count);
  for (let i = 0; i < data.count; i++) {
    let sum = 0;
    for (let k = i * sampleSize; k < (i + 1) * sampleSize; k++) sum += (reconstruction[k]! - data.x[k]!) ** 2;
    errors[i] = sum / sampleSize;
  }
  if (!model.anomaly) {
    throw new EdgeforgeError('the autoencoder model has no anomaly threshold', {
      fix: 'Retrain it with edgeforge train, which chooses the threshold on validation data',
    });
  }
  const { threshold, normalClass } = model.anomaly;
  const normal = normalClassId(data.classes, normalClass);
  const truth = Int32Array.from(data.y, (y) => (y === normal ? 0 : 1));
  const predicted = Int32Array.from(errors, (error) => (isAnomalous(error, threshold) ? 1 : 0));
  const report = classificationReport(truth, predicted, ['normal', 'anomaly'], errors);
  return { accuracy: report.accuracy, f1: report.binaryF1!, auc: anomalyAuc(errors, truth), report };
}
