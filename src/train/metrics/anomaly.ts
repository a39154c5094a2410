import { EdgeforgeError } from '../../errors.js';
import { checkSetting } from '../optimizers/setting.js';
import { checkFinite } from './checks.js';
import { quantile } from './quantile.js';
import { rocAuc } from './roc-auc.js';

/*
 * Autoencoder anomaly detection: a window is flagged when its reconstruction error is
 * strictly above a threshold chosen on validation data, never on test data.
 */

export function isAnomalous(error: number, threshold: number): boolean {
  return error > threshold;
}

/**
 * How to choose the threshold:
 * - 'quantile': the q-quantile (NumPy's linear method) of the healthy validation errors,
 *   so about (1 - q) of healthy windows raise a false alarm. Needs no faulty data.
 * - 'best-f1': with faulty validation windows too, the threshold that maximises F1 of
 *   the faulty class. Candidates lie halfway between consecutive distinct errors (every
 *   way to split the sorted errors, except flagging all); ties go to the highest
 *   threshold, which raises the fewest alarms.
 */
export type ThresholdRule =
  { kind: 'quantile'; quantile: number } | { kind: 'best-f1'; faultyErrors: ArrayLike<number> };

export function chooseThreshold(
  healthyErrors: ArrayLike<number>,
  rule: ThresholdRule = { kind: 'quantile', quantile: 0.99 },
): number {
  checkErrors('healthyErrors', healthyErrors);
  if (rule.kind === 'quantile') {
    return quantile(healthyErrors, checkSetting('threshold.quantile', rule.quantile, 'in [0, 1]'));
  }
  checkErrors('faultyErrors', rule.faultyErrors);
  return bestF1Threshold(healthyErrors, rule.faultyErrors);
}

/** ROC-AUC of the faulty windows against the healthy ones, with the errors as scores. */
export function anomalyAuc(errors: ArrayLike<number>, isFaulty: ArrayLike<number | boolean>): number {
  return rocAuc(isFaulty, errors);
}

function checkErrors(name: string, errors: ArrayLike<number>): void {
  if (errors.length === 0) {
    throw new EdgeforgeError('no validation windows', {
      place: `threshold: ${name}`,
      fix: 'Keep validation windows of this kind to choose the threshold on',
    });
  }
  checkFinite(name, errors);
}

function bestF1Threshold(healthyErrors: ArrayLike<number>, faultyErrors: ArrayLike<number>): number {
  const windows = [
    ...Array.from(healthyErrors, (error) => ({ error, faulty: false })),
    ...Array.from(faultyErrors, (error) => ({ error, faulty: true })),
  ].sort((a, b) => b.error - a.error);
  let flaggedFaulty = 0;
  let flaggedHealthy = 0;
  let best = { f1: -1, threshold: NaN };
  // Walk down from the largest error; after each group of equal errors the cut below it is a candidate.
  let i = 0;
  while (i < windows.length) {
    const groupError = windows[i].error;
    for (; i < windows.length && windows[i].error === groupError; i++) {
      if (windows[i].faulty) flaggedFaulty++;
      else flaggedHealthy++;
    }
    if (i === windows.length) break;
    const f1 = (2 * flaggedFaulty) / (flaggedFaulty + flaggedHealthy + faultyErrors.length);
    if (f1 > best.f1) best = { f1, threshold: (groupError + windows[i].error) / 2 };
  }
  if (Number.isNaN(best.threshold)) {
    throw new EdgeforgeError('every validation window has the same reconstruction error', {
      place: 'threshold',
      fix: 'Check that the autoencoder trained, or use the quantile rule',
    });
  }
  return best.threshold;
}
