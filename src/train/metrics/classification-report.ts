import { UsageError } from '../../errors.js';
import { accuracy, scoresFromConfusion, type AveragedScores } from './classification.js';
import { confusionMatrix } from './confusion-matrix.js';
import { rocAuc } from './roc-auc.js';

export interface ClassReport {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** scikit-learn's classification_report as an object, plus the confusion matrix and binary extras. */
export interface ClassificationReport {
  classes: ClassReport[];
  accuracy: number;
  macro: AveragedScores;
  weighted: AveragedScores;
  /** rows = true class, columns = predicted class */
  confusionMatrix: number[][];
  /** Two classes only: F1 of class 1, the positive class. */
  binaryF1?: number;
  /** Two classes with scores only: ROC-AUC of class 1's scores. */
  rocAuc?: number;
}

/**
 * Everything the run report shows about a classifier on one split. `scores` (the
 * probability of class 1, one per sample) is only meaningful for two classes.
 */
export function classificationReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classNames: string[],
  scores?: ArrayLike<number>,
): ClassificationReport {
  const classes = classNames.length;
  if (scores !== undefined && classes !== 2) {
    throw new UsageError(`scores were given for ${classes} classes; ROC-AUC here is binary only`, {
      place: 'classification report',
      fix: 'Pass scores only for two-class models',
    });
  }
  const counts = confusionMatrix(yTrue, yPred, classes);
  const { perClass, macro, weighted } = scoresFromConfusion(counts);
  const report: ClassificationReport = {
    classes: classNames.map((name, c) => ({
      name,
      precision: perClass.precision[c],
      recall: perClass.recall[c],
      f1: perClass.f1[c],
      support: perClass.support[c],
    })),
    accuracy: accuracy(yTrue, yPred),
    macro,
    weighted,
    confusionMatrix: counts,
  };
  if (classes === 2) report.binaryF1 = perClass.f1[1];
  if (scores !== undefined) report.rocAuc = rocAuc(yTrue, scores);
  return report;
}
