import type { ColumnProfileResult } from '../clean/column-profile.js';
import type { LabelRule } from '../types.js';
import type { ColumnRoles } from './columns.js';
import type { SampleStore } from './sample-store.js';

/** A layout turning kept rows into samples: wide (a row is a sample) or long (rows are cut into windows). */
export interface LayoutAssembler {
  /**
   * One kept row: its feature values (long layout with interpolation: NaN where a cell
   * waits to be filled), provisional label id, recording id, and the row as read.
   */
  add(values: Float64Array, label: number, recording: number, record: readonly string[]): void;
  /** Called once after the last row. */
  finish(): AssembledSamples;
}

export interface AssembledSamples {
  store: SampleStore;
  steps: number;
  channels: number;
  channelNames: string[];
  profile: ColumnProfileResult;
  cellsInterpolated: number;
  windows?: { length: number; stride: number; labelRule: LabelRule; count: number; recordings: number };
}

/**
 * The row's meta values (trimmed), in the order of roles.meta. The recording id is the
 * interned name, so a million windows of one recording share one string.
 */
export function metaValues(record: readonly string[], roles: ColumnRoles, recordingName: string): string[] {
  return roles.meta.map((index) => (index === roles.group ? recordingName : record[index].trim()));
}
