/**
 * Scores predictions against the labels a scored file carries, with the trainer's metrics:
 * accuracy, per-class and averaged F1, the confusion matrix (and ROC-AUC for two classes).
 * Autoencoders are scored as normal (the class they learned) vs anomaly.
 */
import { classificationReport, type ClassificationReport } from '../train/metrics/classification-report.js';
import type { PredictionModel } from './model-source.js';
import type { Predictor } from './predictor.js';

export interface LabelledMetrics {
  /** Windows with a label the model knows: the ones the report counts. */
  labelled: number;
  /** Labels the model was not trained on, with their window counts (left out of the report). */
  unknownLabels: Record<string, number>;
  report: ClassificationReport;
}

export class LabelTally {
  private readonly truth: number[] = [];
  private readonly predicted: number[] = [];
  /** Two-class scores: the probability of class 1, or the reconstruction error. */
  private readonly scores: number[] = [];
  private readonly unknown: Record<string, number> = {};
  private readonly classIds: Map<string, number>;

  constructor(private readonly model: PredictionModel) {
    this.classIds = new Map(model.classes.map((name, id) => [name, id]));
  }

  add(label: string | undefined, predictor: Predictor, slot: number): void {
    if (label === undefined) return;
    const truth = this.truthOf(label);
    if (truth === undefined) {
      this.unknown[label] = (this.unknown[label] ?? 0) + 1;
      return;
    }
    this.truth.push(truth);
    this.predicted.push(predictor.predicted(slot));
    if (this.model.task === 'autoencoder') this.scores.push(predictor.reconstructionError(slot));
    else if (this.model.task === 'binary') this.scores.push(predictor.probability(slot, 1));
  }

  private truthOf(label: string): number | undefined {
    if (this.model.task === 'autoencoder') return label === this.model.anomaly!.normalClass ? 0 : 1;
    return this.classIds.get(label);
  }

  /** Undefined when no window had a known label. */
  result(): LabelledMetrics | undefined {
    if (this.truth.length === 0) return undefined;
    const names = this.model.task === 'autoencoder' ? ['normal', 'anomaly'] : this.model.classes;
    // ROC-AUC needs both classes among the labels.
    const bothClasses = this.truth.includes(0) && this.truth.includes(1);
    const scores = this.scores.length > 0 && bothClasses ? this.scores : undefined;
    return {
      labelled: this.truth.length,
      unknownLabels: this.unknown,
      report: classificationReport(this.truth, this.predicted, names, scores),
    };
  }
}
