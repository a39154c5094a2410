import { ColumnProfile } from '../clean/column-profile.js';
import type { AssembledSamples, LayoutAssembler } from './assembler.js';
import { metaValues } from './assembler.js';
import type { ColumnRoles } from './columns.js';
import { SampleStore } from './sample-store.js';

/**
 * Wide layout: one row is one sample of steps = feature columns and a single channel, as the
 * usual "s0..s63 + label" export of pre-cut windows (or any table of features) looks.
 */
export class WideAssembler implements LayoutAssembler {
  private readonly store: SampleStore;
  private readonly profile: ColumnProfile;
  private readonly featureNames: string[];

  constructor(
    private readonly roles: ColumnRoles,
    maxRows: number,
    /** Recording names by id, filled while rows arrive. */
    private readonly recordingNames: readonly string[],
    file: string,
  ) {
    this.featureNames = roles.features.map((index) => roles.names[index]);
    this.store = new SampleStore(
      roles.features.length,
      maxRows,
      roles.meta.map((index) => roles.names[index]),
      file,
    );
    this.profile = new ColumnProfile(this.featureNames);
  }

  add(values: Float64Array, label: number, recording: number, record: readonly string[]): void {
    const offset = this.store.add(
      label,
      recording,
      metaValues(record, this.roles, this.recordingNames[recording]),
    );
    this.store.x.set(values.subarray(0, this.featureNames.length), offset);
    this.profile.add(values, 0);
  }

  finish(): AssembledSamples {
    return {
      store: this.store,
      steps: this.featureNames.length,
      channels: 1,
      channelNames: ['value'],
      profile: this.profile.result(),
      cellsInterpolated: 0,
    };
  }
}
