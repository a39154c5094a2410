import { checkClassIds, checkSameLength } from './checks.js';

/** counts[t][p]: samples of true class t predicted as p (scikit-learn's layout, labels 0..classes-1). */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  classes: number,
): number[][] {
  checkSameLength(['yTrue', 'yPred'], yTrue, yPred);
  checkClassIds('yTrue', yTrue, classes);
  checkClassIds('yPred', yPred, classes);
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i]][yPred[i]]++;
  return counts;
}
