import { EdgeforgeError } from '../../errors.js';
import { checkFinite, checkSameLength, toPositives } from './checks.js';

/**
 * Area under the ROC curve, as scikit-learn's roc_auc_score for binary labels: the
 * curve has one point per distinct score (tied samples move together, so a tie between
 * a positive and a negative adds half a pair), joined by trapezoids.
 */
export function rocAuc(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  checkSameLength(['labels', 'scores'], labels, scores);
  checkFinite('scores', scores);
  const positives = toPositives('labels', labels);
  const positiveCount = positives.filter(Boolean).length;
  const negativeCount = positives.length - positiveCount;
  if (positiveCount === 0 || negativeCount === 0) {
    throw new EdgeforgeError(
      `only ${positiveCount === 0 ? 'negative' : 'positive'} samples: ROC-AUC is undefined`,
      {
        place: 'metrics: labels',
        fix: 'Score ROC-AUC on a split that holds both classes',
      },
    );
  }
  const order = Array.from(scores, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let area = 0;
  let truePositives = 0;
  let falsePositives = 0;
  let i = 0;
  while (i < order.length) {
    const threshold = scores[order[i]];
    const [previousTrue, previousFalse] = [truePositives, falsePositives];
    for (; i < order.length && scores[order[i]] === threshold; i++) {
      if (positives[order[i]]) truePositives++;
      else falsePositives++;
    }
    area += ((falsePositives - previousFalse) * (truePositives + previousTrue)) / 2;
  }
  return area / (positiveCount * negativeCount);
}
