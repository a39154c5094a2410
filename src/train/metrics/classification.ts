import { checkSameLength } from './checks.js';
import { confusionMatrix } from './confusion-matrix.js';

/** Per-class scores, index = class id. */
export interface ClassScores {
  precision: number[];
  recall: number[];
  f1: number[];
  /** Samples of the class in yTrue. */
  support: number[];
}

export interface AveragedScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface PrecisionRecallF1 {
  perClass: ClassScores;
  /** Unweighted mean over all `classes` classes. */
  macro: AveragedScores;
  /** Mean weighted by support. */
  weighted: AveragedScores;
}

/** Fraction of samples whose prediction equals the truth. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(['yTrue', 'yPred'], yTrue, yPred);
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/** 0 where scikit-learn would warn about a zero division (its default zero_division). */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Per-class scores from a confusion matrix: F1 = 2 tp / (2 tp + fp + fn), as scikit-learn computes it. */
function perClassScores(counts: number[][]): ClassScores {
  const classes = counts.length;
  const scores: ClassScores = { precision: [], recall: [], f1: [], support: [] };
  for (let c = 0; c < classes; c++) {
    const truePositives = counts[c][c];
    const actual = counts[c].reduce((sum, n) => sum + n, 0);
    const predicted = counts.reduce((sum, row) => sum + row[c], 0);
    scores.precision.push(ratio(truePositives, predicted));
    scores.recall.push(ratio(truePositives, actual));
    scores.f1.push(ratio(2 * truePositives, actual + predicted));
    scores.support.push(actual);
  }
  return scores;
}

function average(scores: ClassScores, weights: number[]): AveragedScores {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const mean = (values: number[]) =>
    ratio(
      values.reduce((sum, v, c) => sum + v * weights[c], 0),
      total,
    );
  return { precision: mean(scores.precision), recall: mean(scores.recall), f1: mean(scores.f1) };
}

/**
 * scikit-learn's precision_recall_fscore_support(labels=range(classes)) per class, macro
 * and weighted. A class absent from both truth and predictions scores 0 and still
 * counts in the macro mean, as it does there when the labels are given.
 */
export function precisionRecallF1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classes: number,
): PrecisionRecallF1 {
  return scoresFromConfusion(confusionMatrix(yTrue, yPred, classes));
}

/** The same scores from a confusion matrix already counted (rows = true class). */
export function scoresFromConfusion(counts: number[][]): PrecisionRecallF1 {
  const perClass = perClassScores(counts);
  return {
    perClass,
    macro: average(
      perClass,
      perClass.support.map(() => 1),
    ),
    weighted: average(perClass, perClass.support),
  };
}

/** F1 of the positive class of a binary problem (scikit-learn's average='binary'). */
export function binaryF1(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, positive: 0 | 1 = 1): number {
  return perClassScores(confusionMatrix(yTrue, yPred, 2)).f1[positive];
}
