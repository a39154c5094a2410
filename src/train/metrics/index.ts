export { confusionMatrix } from './confusion-matrix.js';
export {
  accuracy,
  binaryF1,
  precisionRecallF1,
  scoresFromConfusion,
  type AveragedScores,
  type ClassScores,
  type PrecisionRecallF1,
} from './classification.js';
export { rocAuc } from './roc-auc.js';
export {
  classificationReport,
  type ClassificationReport,
  type ClassReport,
} from './classification-report.js';
export { anomalyAuc, chooseThreshold, isAnomalous, type ThresholdRule } from './anomaly.js';
