/**
 * Accuracy, F1 and AUC of a runner's outputs on the test split, read as the model's task means
 * them (the same reading as src/compress/evaluate-graph.ts, from outputs instead of a graph).
 */
import type { WindowSet } from '../data/types.js';
import { argmaxRows, binaryClasses } from '../train/losses/predictions.js';
import { anomalyAuc, isAnomalous } from '../train/metrics/anomaly.js';
import { classificationReport } from '../train/metrics/classification-report.js';
import { normalClassId } from '../train/normal-class.js';
import type { BenchCell, BenchResults } from './results.js';

/** What reading a model's outputs depends on. */
export interface TaskSpec {
  task: BenchResults['task'];
  anomaly?: { threshold: number; normalClass: string };
}

export type Scores = NonNullable<BenchCell['accuracy']>;

/** `outputs`: output values of every window of `data`, in order. */
export function scoreOutputs(outputs: Float32Array, data: WindowSet, spec: TaskSpec): Scores {
  switch (spec.task) {
    case 'binary': {
      const report = classificationReport(data.y, binaryClasses(outputs), data.classes, outputs);
      return {
        accuracy: report.accuracy,
        f1: report.binaryF1!,
        ...(report.rocAuc !== undefined && { auc: report.rocAuc }),
      };
    }
    case 'multiclass': {
      const report = classificationReport(data.y, argmaxRows(outputs, data.classes.length), data.classes);
      return { accuracy: report.accuracy, f1: report.macro.f1 };
    }
    case 'autoencoder':
      return scoreReconstruction(outputs, data, spec);
  }
}

function scoreReconstruction(reconstruction: Float32Array, data: WindowSet, spec: TaskSpec): Scores {
  if (!spec.anomaly) throw new RangeError('an autoencoder is scored with its anomaly threshold');
  const size = data.steps * data.channels;
  const errors = new Float32Array(data.count);
  for (let i = 0; i < data.count; i++) {
    let sum = 0;
    for (let k = i * size; k < (i + 1) * size; k++) sum += (reconstruction[k]! - data.x[k]!) ** 2;
    errors[i] = sum / size;
  }
  const normal = normalClassId(data.classes, spec.anomaly.normalClass);
  const truth = Int32Array.from(data.y, (y) => (y === normal ? 0 : 1));
  const predicted = Int32Array.from(errors, (error) => (isAnomalous(error, spec.anomaly!.threshold) ? 1 : 0));
  const report = classificationReport(truth, predicted, ['normal', 'anomaly'], errors);
  return { accuracy: report.accuracy, f1: report.binaryF1!, auc: anomalyAuc(errors, truth) };
}
