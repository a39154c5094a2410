import type { BatchPrediction } from '../../predict/batch.js';
import type { StreamSummary } from '../../predict/stream.js';
import { textTable } from './table.js';

/** The human view of batch scoring: what was scored, where it went, and the metrics when labelled. */
export function formatBatchPrediction(result: BatchPrediction): string {
  const unit = result.layout === 'long' ? 'windows' : 'rows';
  const lines = [
    `scored ${result.windows} ${unit} of ${result.data} in ${result.seconds.toFixed(2)} s (${Math.round(result.windowsPerSecond)} ${unit}/s)`,
  ];
  if (result.rowsDropped > 0) {
    const reasons = Object.entries(result.dropReasons).map(([reason, count]) => `${count} ${reason}`);
    lines.push(`left out ${result.rowsDropped} of ${result.rowsRead} rows: ${reasons.join(', ')}`);
  }
  if (result.anomaly) {
    const { flagged, threshold } = result.anomaly;
    lines.push(
      `anomalies: ${flagged} of ${result.windows} (reconstruction error above ${threshold.toPrecision(4)})`,
    );
  }
  const { metrics } = result;
  if (metrics) {
    const { report } = metrics;
    const macro = report.macro.f1.toFixed(4);
    // Two classes: F1 of class 1 (the fault, or the anomaly) first, as the trainer reports it.
    const f1 =
      report.binaryF1 !== undefined
        ? `F1 ${report.binaryF1.toFixed(4)} (macro ${macro})`
        : `macro F1 ${macro}`;
    const auc = report.rocAuc !== undefined ? `, ROC-AUC ${report.rocAuc.toFixed(4)}` : '';
    lines.push(
      `accuracy ${report.accuracy.toFixed(4)}, ${f1}${auc} over ${metrics.labelled} labelled ${unit}`,
    );
    const unknown = Object.entries(metrics.unknownLabels);
    if (unknown.length > 0) {
      const listed = unknown.map(([label, count]) => `'${label}' (${count})`).join(', ');
      lines.push(`left out of the metrics: labels the model does not know: ${listed}`);
    }
    const names = report.classes.map((entry) => entry.name);
    lines.push(
      'confusion matrix (rows: true, columns: predicted):',
      textTable(
        ['', ...names],
        report.confusionMatrix.map((row, i) => [names[i], ...row]),
      ),
    );
  }
  lines.push(`predictions: ${result.out}`);
  return lines.join('\n');
}

export function formatStreamSummary(summary: StreamSummary): string {
  const skipped = summary.malformed > 0 ? `, ${summary.malformed} malformed lines skipped` : '';
  return `${summary.readings} readings, ${summary.predictions} predictions${skipped}`;
}
