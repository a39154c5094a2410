/**
 * The data stage's shared shapes. Readers and layouts produce a WindowSet, the split
 * cuts it into index sets, the scaler and augmenter transform the train split.
 */

export type DataLayout = 'wide' | 'long';
export type LabelRule = 'last' | 'majority';
export type CleanPolicy = 'drop' | 'interpolate' | 'fill';
export type ScaleMethod = 'standard' | 'minmax' | 'robust' | 'none';
/** 'feature': one statistic per (step, channel) position, as scikit-learn on a wide table; 'channel': one per channel. */
export type ScalePer = 'feature' | 'channel';

/** Samples of shape [steps, channels], stored sample-major in one Float32Array. */
export interface WindowSet {
  /** x[(i * steps + t) * channels + c] */
  x: Float32Array;
  count: number;
  steps: number;
  channels: number;
  /** One name per channel (long layout: the sensor columns; wide layout: the single value channel). */
  channelNames: string[];
  /** Class id per sample, an index into `classes`. */
  y: Int32Array;
  /** Class names; the class id is the index. Shared by every split of one dataset. */
  classes: string[];
  /** Recording index per sample (into `recordings`), when the data names recordings. */
  recording?: Int32Array;
  recordings?: string[];
  /** Values of the non-feature columns (ignored, group), one per sample, for rule-based splits and reports. */
  meta: Record<string, string[]>;
}

export interface ColumnStats {
  name: string;
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** What ingest did to the file: every row read is either kept or dropped for a counted reason. */
export interface IngestReport {
  file: string;
  format: 'csv' | 'parquet';
  layout: DataLayout;
  /** CSV dialect found in the file. */
  delimiter?: string;
  decimal?: '.' | ',';
  rowsRead: number;
  rowsKept: number;
  rowsDropped: number;
  /** reason -> rows dropped for it, e.g. { "missing cell": 12 } */
  dropReasons: Record<string, number>;
  cellsFilled: number;
  cellsInterpolated: number;
  labelColumn: string;
  featureColumns: string[];
  /** Columns left out of the features, with why ("ignored by config", "non-numeric", "recording id", ...). */
  ignoredColumns: { name: string; reason: string }[];
  groupColumn?: string;
  timestampColumn?: string;
  constantColumns: string[];
  duplicatedColumns: [string, string][];
  /** Long layout only. */
  windows?: { length: number; stride: number; labelRule: LabelRule; count: number; recordings: number };
  featureStats: ColumnStats[];
}

export interface Ingested {
  data: WindowSet;
  report: IngestReport;
}

/** Indices into a WindowSet, one list per split. */
export interface SplitIndices {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
  /** How the split was made: 'stratified', 'grouped by recording', or 'rule: segment = 3 -> test'. */
  method: string;
}

/** x' = (x - center) / scale, elementwise over the positions the scaler was fitted per. */
export interface FittedScaler {
  method: ScaleMethod;
  per: ScalePer;
  steps: number;
  channels: number;
  /** Length steps*channels (per feature) or channels (per channel). */
  center: number[];
  scale: number[];
}
