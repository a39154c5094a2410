import type { DataSummary, PreparedData } from '../../src/data/prepare.js';
import type { FittedScaler, WindowSet } from '../../src/data/types.js';
import { Random } from '../../src/util/random.js';

/**
 * A small learnable two-class set: class 1 windows carry a sine burst, class 0 only noise.
 * Fast to train, so trainer tests exercise real learning in well under a second.
 */
export function toyWindows(count: number, steps: number, seed: number, classes = 2): WindowSet {
  const random = new Random(seed);
  const x = new Float32Array(count * steps);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    y[i] = label;
    for (let t = 0; t < steps; t++) {
      const signal = label === 0 ? 0 : Math.sin((2 * Math.PI * t * label) / 8);
      x[i * steps + t] = signal + random.normal(0, 0.5);
    }
  }
  return {
    x,
    count,
    steps,
    channels: 1,
    channelNames: ['value'],
    y,
    classes: Array.from({ length: classes }, (_, c) => String(c)),
    meta: {},
  };
}

/** A scaler that leaves values as they are (method none). */
export function identityScaler(steps: number, channels: number): FittedScaler {
  return { method: 'none', per: 'feature', steps, channels, center: [0], scale: [1] };
}

export interface SummaryFixture {
  file: string;
  rows: number;
  classes: string[];
  steps: number;
  channels: number;
  featureColumns: string[];
}

/** A data summary as the data stage saves it, for a wide CSV kept whole, unscaled and unaugmented. */
export function dataSummary(fixture: SummaryFixture): DataSummary {
  return {
    ingest: {
      file: fixture.file,
      format: 'csv',
      layout: 'wide',
      rowsRead: fixture.rows,
      rowsKept: fixture.rows,
      rowsDropped: 0,
      dropReasons: {},
      cellsFilled: 0,
      cellsInterpolated: 0,
      labelColumn: 'label',
      featureColumns: fixture.featureColumns,
      ignoredColumns: [],
      constantColumns: [],
      duplicatedColumns: [],
      featureStats: [],
    },
    classes: fixture.classes,
    steps: fixture.steps,
    channels: fixture.channels,
    split: {
      method: 'fixed',
      classCounts: { train: [], validation: [], test: [] },
      sizes: { train: 0, validation: 0, test: 0 },
    },
    scale: { method: 'none', per: 'feature' },
    augment: null,
  };
}

/** Single-channel windows handed to a trainer as the data stage would, with no scaling. */
export function preparedWindows(train: WindowSet, validation: WindowSet, test: WindowSet): PreparedData {
  return {
    train,
    validation,
    test,
    scaler: identityScaler(train.steps, 1),
    summary: dataSummary({
      file: 'toy.csv',
      rows: train.count,
      classes: train.classes,
      steps: train.steps,
      channels: 1,
      featureColumns: [],
    }),
  };
}
