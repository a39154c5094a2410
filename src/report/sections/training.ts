/** Training curves and the test split's confusion matrix, from <run>/train/model.json. */
import type { EpochRecord } from '../../train/history.js';
import type { ClassificationReport } from '../../train/metrics/classification-report.js';
import type { AnomalyEvaluation } from '../../train/model-file.js';
import { confusionChart, lineChart, type SeriesPoint } from '../charts.js';
import { stageNotRun, type ReportChart, type ReportSection } from '../document.js';
import type { ModelRecord } from '../inputs.js';
import { percent, plain, score } from '../format.js';

const ID = 'training';
const TITLE = 'Training';

/** The named per-epoch values that exist in this history, as chart series. */
function series(history: EpochRecord[], fields: [keyof EpochRecord, string][]): SeriesPoint[] {
  return fields.flatMap(([field, name]) =>
    history.flatMap((record) => {
      const value = record[field];
      return typeof value === 'number' ? [{ x: record.epoch, series: name, value }] : [];
    }),
  );
}

function curveCharts(history: EpochRecord[]): ReportChart[] {
  const charts = [
    lineChart(
      'training-loss',
      'Loss per epoch',
      series(history, [
        ['loss', 'training'],
        ['valLoss', 'validation'],
      ]),
      { x: 'epoch', y: 'loss' },
    ),
  ];
  const accuracy = series(history, [
    ['accuracy', 'training'],
    ['valAccuracy', 'validation'],
  ]);
  if (accuracy.length > 0)
    charts.push(
      lineChart('training-accuracy', 'Accuracy per epoch', accuracy, { x: 'epoch', y: 'accuracy' }),
    );
  return charts;
}

/** Autoencoders are scored as normal vs anomaly with their threshold; classifiers directly. */
function testReport(model: ModelRecord): { report: ClassificationReport; anomaly?: AnomalyEvaluation } {
  const test = model.evaluation.test;
  return 'report' in test ? { report: test.report, anomaly: test } : { report: test };
}

export function trainingSection(model: ModelRecord | undefined, file: string): ReportSection {
  if (!model) return stageNotRun(ID, TITLE, file, 'train');
  const { training } = model;
  const { report, anomaly } = testReport(model);
  const classNames = report.classes.map((c) => c.name);
  const notes = [
    `Preset ${training.preset}, ${training.history.length} epoch(s) of ${training.epochs} planned` +
      `${training.stoppedEarly ? ' (stopped early)' : ''}, best epoch ${training.bestEpoch}, ` +
      `${training.optimizer.type} at learning rate ${plain(training.optimizer.learningRate)}, batch ${training.batchSize}, ` +
      `seed ${training.seed}, ${training.seconds.toFixed(1)} s.`,
    `Test split: accuracy ${percent(report.accuracy)}, macro F1 ${score(report.macro.f1)}` +
      `${report.rocAuc !== undefined ? `, ROC-AUC ${score(report.rocAuc)}` : ''}.`,
  ];
  if (anomaly)
    notes.push(
      `Anomaly detection: normal class ${anomaly.normalClass}, threshold ${plain(anomaly.threshold)}, AUC ${score(anomaly.auc)}.`,
    );
  return {
    id: ID,
    title: TITLE,
    ran: true,
    notes,
    tables: [
      {
        caption: 'Epochs',
        columns: ['epoch', 'loss', 'validation loss', 'accuracy', 'validation accuracy', 'learning rate'],
        rows: training.history.map((r) => [
          plain(r.epoch),
          score(r.loss),
          score(r.valLoss),
          percent(r.accuracy),
          percent(r.valAccuracy),
          plain(r.learningRate),
        ]),
      },
      {
        caption: 'Test split per class',
        columns: ['class', 'precision', 'recall', 'F1', 'support'],
        rows: report.classes.map((c) => [
          c.name,
          score(c.precision),
          score(c.recall),
          score(c.f1),
          plain(c.support),
        ]),
      },
    ],
    charts: [
      ...curveCharts(training.history),
      confusionChart('confusion-matrix', 'Confusion matrix (test split)', classNames, report.confusionMatrix),
    ],
  };
}
