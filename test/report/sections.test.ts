/** Sections from hand-made stage outputs: the cases a tiny real run does not produce. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExportRecord } from '../../src/pipeline/export-stage.js';
import type { ModelRecord } from '../../src/report/inputs.js';
import { exportsSection } from '../../src/report/sections/exports.js';
import { trainingSection } from '../../src/report/sections/training.js';
import type { ClassificationReport } from '../../src/train/metrics/classification-report.js';

test('refused and failed exports show their reasons; verified ones their check', () => {
  const records: ExportRecord[] = [
    {
      variant: 'int8',
      format: 'onnx',
      status: 'ok',
      result: {
        path: 'run/export/int8.onnx',
        bytes: 2048,
        arenaBytes: 96,
        warnings: [],
        format: 'onnx',
        int8: true,
        verification: {
          runtime: 'onnxruntime-node',
          windows: 64,
          maxAbsDiff: 0,
          tolerance: 0.5,
          passed: true,
        },
      },
    },
    {
      variant: 'dynamic-range',
      format: 'tflite',
      status: 'refused',
      reason: 'hybrid ops are not in TFLite Micro',
    },
    { variant: 'float16', format: 'onnx', status: 'failed', reason: 'differs by 0.2 (allowed 0.00001)' },
  ];
  const section = exportsSection(records, 'run/export/export.json');
  assert.equal(section.notes[0].startsWith('1 of 3 export(s) written and verified'), true);
  assert.deepEqual(section.tables[0].rows, [
    [
      'int8',
      'onnx',
      'ok',
      'run/export/int8.onnx',
      '2.0 KiB',
      '96 B',
      'passed in onnxruntime-node: max |diff| 0 (allowed 0.5) on 64 windows',
    ],
    ['dynamic-range', 'tflite', 'refused', '—', '—', '—', 'hybrid ops are not in TFLite Micro'],
    ['float16', 'onnx', 'failed', '—', '—', '—', 'differs by 0.2 (allowed 0.00001)'],
  ]);
});

test('an autoencoder: loss curve only, threshold and AUC in the notes, normal/anomaly confusion matrix', () => {
  const report: ClassificationReport = {
    classes: [
      { name: 'normal', precision: 0.9, recall: 0.75, f1: 0.8182, support: 12 },
      { name: 'anomaly', precision: 0.5, recall: 0.8, f1: 0.6154, support: 5 },
    ],
    accuracy: 13 / 17,
    macro: { precision: 0.7, recall: 0.775, f1: 0.7168 },
    weighted: { precision: 0.78, recall: 0.76, f1: 0.76 },
    confusionMatrix: [
      [9, 3],
      [1, 4],
    ],
  };
  const history = [1, 2].map((epoch) => ({
    epoch,
    loss: 1 / epoch,
    valLoss: 1.5 / epoch,
    learningRate: 0.001,
    seconds: 0.1,
    samples: 40,
  }));
  const model = {
    task: 'autoencoder',
    training: {
      preset: 'autoencoder',
      seed: 3,
      epochs: 2,
      batchSize: 16,
      optimizer: { type: 'adam', learningRate: 0.001 },
      history,
      bestEpoch: 2,
      stoppedEarly: false,
      seconds: 0.25,
    },
    evaluation: { test: { threshold: 0.125, normalClass: 'healthy', auc: 0.875, report } },
  } as unknown as ModelRecord; // only the fields the section reads
  const section = trainingSection(model, 'run/train/model.json');
  assert.deepEqual(
    section.charts.map((chart) => chart.id),
    ['training-loss', 'confusion-matrix'],
  );
  assert.ok(section.notes.includes('Anomaly detection: normal class healthy, threshold 0.125, AUC 0.8750.'));
  assert.ok(section.notes.includes('Test split: accuracy 76.47 %, macro F1 0.7168.'));
  const confusion = section.charts[1].spec as {
    data: { values: { actual: string; predicted: string; count: number }[] };
  };
  assert.deepEqual(confusion.data.values, [
    { actual: 'normal', predicted: 'normal', count: 9 },
    { actual: 'normal', predicted: 'anomaly', count: 3 },
    { actual: 'anomaly', predicted: 'normal', count: 1 },
    { actual: 'anomaly', predicted: 'anomaly', count: 4 },
  ]);
  assert.deepEqual(section.tables[0].rows, [
    ['1', '1.0000', '1.5000', '—', '—', '0.001'],
    ['2', '0.5000', '0.7500', '—', '—', '0.001'],
  ]);
});
