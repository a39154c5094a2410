import type { TrainStageResult } from '../../pipeline/train-stage.js';
import { textTable } from './table.js';

/** The human view of a training run: epochs, test metrics, where the model is. */
export function formatTrainResult(result: TrainStageResult, classes: string[]): string {
  const lines = [
    textTable(
      ['epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy', 'lr', 'seconds'],
      result.epochs.map((e) => [
        e.epoch,
        e.loss,
        e.accuracy ?? '-',
        e.valLoss ?? '-',
        e.valAccuracy ?? '-',
        e.learningRate,
        e.seconds,
      ]),
    ),
  ];
  if (result.stoppedEarly) lines.push(`stopped early; weights of epoch ${result.bestEpoch} restored`);
  const { test } = result;
  const auc = test.rocAuc !== undefined ? `, ROC-AUC ${test.rocAuc.toFixed(4)}` : '';
  lines.push(
    '',
    `test: accuracy ${test.accuracy.toFixed(4)}, F1 ${test.f1.toFixed(4)} (macro ${test.macroF1.toFixed(4)})${auc}`,
  );
  if (test.threshold !== undefined)
    lines.push(`anomaly threshold (chosen on validation): ${test.threshold.toPrecision(4)}`);
  const names = test.confusionMatrix.length === classes.length ? classes : ['normal', 'anomaly'];
  lines.push(
    'confusion matrix (rows: true, columns: predicted):',
    textTable(
      ['', ...names],
      test.confusionMatrix.map((row, i) => [names[i] ?? String(i), ...row]),
    ),
    '',
    `model: ${result.model} (${result.seconds.toFixed(1)} s)`,
    `deploy graph: ${result.graph}`,
  );
  return lines.join('\n');
}
