import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import type { Preprocessing } from '../../src/graph/types.js';
import { scoringColumns } from '../../src/predict/columns.js';

function preprocessing(layout: 'wide' | 'long', featureColumns: string[]): Preprocessing {
  const steps = layout === 'wide' ? featureColumns.length : 8;
  const channels = layout === 'wide' ? 1 : featureColumns.length;
  return {
    steps,
    channels,
    channelNames: layout === 'wide' ? ['value'] : featureColumns,
    layout,
    featureColumns,
    labelColumn: 'fault_label',
    scaler: { method: 'none', per: 'channel', steps, channels, center: [], scale: [] },
  };
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof EdgeforgeError);
    return error.oneLine();
  }
  assert.fail('expected an error');
}

test('features by name in the model order; label, recording and timestamp found when present', () => {
  const pre = preprocessing('long', ['vib', 'temp']);
  const names = ['timestamp', 'recording', 'Temp', 'fault_label', 'vib'];
  assert.deepEqual(scoringColumns(names, pre, {}, 'd.csv'), {
    names,
    features: [4, 2],
    label: 3,
    group: 1,
    timestamp: 0,
  });
});

test('without a label column the recording and timestamp are still recognised; hints name unusual ones', () => {
  const pre = preprocessing('long', ['vib']);
  const columns = scoringColumns(['run', 'vib', 'ts'], pre, { timestamp: 'ts' }, 'd.csv');
  assert.deepEqual(columns, {
    names: ['run', 'vib', 'ts'],
    features: [1],
    label: undefined,
    group: 0,
    timestamp: 2,
  });
  // A hint naming a column the file lacks is ignored rather than refused.
  assert.equal(scoringColumns(['vib'], pre, { group: 'machine' }, 'd.csv').group, undefined);
});

test('a missing column is named with a likely misspelling and the columns the model reads', () => {
  const pre = preprocessing('long', ['vib', 'temp']);
  assert.equal(
    failure(() => scoringColumns(['vib', 'tmp', 'fault_label'], pre, {}, 'd.csv')),
    "d.csv: header: column 'temp' is missing (did you mean 'tmp'?): the model reads 'vib', 'temp'. Score data with the columns the model was trained on.",
  );
  const wide = preprocessing(
    'wide',
    Array.from({ length: 64 }, (_, i) => `s${i}`),
  );
  const names = Array.from({ length: 60 }, (_, i) => `s${i}`);
  assert.equal(
    failure(() => scoringColumns(names, wide, {}, 'w.csv')),
    "w.csv: header: column 's60' (and 3 more) is missing: the model reads 's0', 's1', 's2', 's3', 's4', 's5', ..., 's63' (64 columns). Score data with the columns the model was trained on.",
  );
});
