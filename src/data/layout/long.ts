import { ColumnProfile } from '../clean/column-profile.js';
import type { DropTally } from '../clean/drops.js';
import { NOTHING_TO_INTERPOLATE } from '../clean/row-cleaner.js';
import { EdgeforgeError } from '../../errors.js';
import type { AssembledSamples, LayoutAssembler } from './assembler.js';
import { metaValues } from './assembler.js';
import type { ColumnRoles } from './columns.js';
import type { LabelMap } from './labels.js';
import { RecordingBuffer } from './recording-buffer.js';
import { SampleStore } from './sample-store.js';
import type { WindowSpec } from './window-spec.js';

export const SHORT_RECORDING = 'recording shorter than the window';

interface RecordingState {
  buffer: RecordingBuffer;
  /** First row of the next window. */
  nextStart: number;
  /** Rows [0, profiled) are in the statistics. */
  profiled: number;
  windows: number;
}

export interface LongSetup {
  roles: ColumnRoles;
  window: WindowSpec;
  maxRows: number;
  labels: LabelMap;
  /** Recording names by id, to name a recording in errors (one unnamed recording without a group column). */
  recordingNames: readonly string[];
  drops: DropTally;
  file: string;
}

/**
 * Long layout: rows are time steps of the channel columns, cut into windows of `length`
 * rows every `stride` rows, within one recording only. Windows are cut as rows arrive, so
 * only about a window of rows per recording is ever held.
 */
export class LongAssembler implements LayoutAssembler {
  private readonly store: SampleStore;
  private readonly profile: ColumnProfile;
  private readonly channelNames: string[];
  private readonly recordings: RecordingState[] = [];
  /** Scratch counts per provisional label for the majority rule. */
  private labelCounts = new Int32Array(8);

  constructor(private readonly setup: LongSetup) {
    const { roles, window, maxRows, file } = setup;
    this.channelNames = roles.features.map((index) => roles.names[index]);
    // A recording of n rows gives at most n / min(stride, length) windows, so this bounds the total.
    const maxWindows = Math.floor(maxRows / Math.min(window.stride, window.length));
    this.store = new SampleStore(
      window.length * this.channelNames.length,
      maxWindows,
      roles.meta.map((index) => roles.names[index]),
      file,
    );
    this.profile = new ColumnProfile(this.channelNames);
  }

  add(values: Float64Array, label: number, recording: number, record: readonly string[]): void {
    let state = this.recordings[recording];
    if (!state) {
      state = {
        buffer: new RecordingBuffer(this.channelNames.length),
        nextStart: 0,
        profiled: 0,
        windows: 0,
      };
      this.recordings[recording] = state;
    }
    state.buffer.push(values, label, record);
    this.advance(recording, state);
  }

  /** Profile the newly resolved rows and cut every window they complete. */
  private advance(recording: number, state: RecordingState): void {
    const { buffer } = state;
    const { length, stride } = this.setup.window;
    // A recording shorter than the window is dropped whole, so its rows wait until it proves long enough.
    if (buffer.total < length) return;
    for (let row = state.profiled; row < buffer.resolved; row++)
      this.profile.add(buffer.values, buffer.offset(row));
    state.profiled = buffer.resolved;
    while (state.nextStart + length <= buffer.resolved) {
      this.cut(recording, state, state.nextStart);
      state.nextStart += stride;
    }
    buffer.discardBefore(Math.min(state.nextStart, state.profiled));
  }

  private cut(recording: number, state: RecordingState, start: number): void {
    const { buffer } = state;
    const { length } = this.setup.window;
    const last = start + length - 1;
    const offset = this.store.add(
      this.windowLabel(buffer, start),
      recording,
      metaValues(buffer.record(last), this.setup.roles, this.setup.recordingNames[recording]),
    );
    const from = buffer.offset(start);
    this.store.x.set(buffer.values.subarray(from, from + length * this.channelNames.length), offset);
    state.windows++;
  }

  /** 'last': the label of the window's last row; 'majority': the most frequent, ties to the lowest class. */
  private windowLabel(buffer: RecordingBuffer, start: number): number {
    const { length, label: rule } = this.setup.window;
    if (rule === 'last') return buffer.label(start + length - 1);
    const { labels } = this.setup;
    if (this.labelCounts.length < labels.names.length)
      this.labelCounts = new Int32Array(labels.names.length * 2);
    const counts = this.labelCounts;
    let best = buffer.label(start);
    for (let row = start; row < start + length; row++) {
      const id = buffer.label(row);
      counts[id]++;
      if (id === best) continue;
      if (counts[id] > counts[best] || (counts[id] === counts[best] && labels.lower(id, best) === id))
        best = id;
    }
    for (let row = start; row < start + length; row++) counts[buffer.label(row)] = 0;
    return best;
  }

  finish(): AssembledSamples {
    const { window, drops } = this.setup;
    let longest = -1;
    this.recordings.forEach((state, recording) => {
      const { buffer } = state;
      if (!buffer.close()) {
        drops.add(NOTHING_TO_INTERPOLATE, buffer.total);
        return;
      }
      if (longest < 0 || buffer.total > this.recordings[longest].buffer.total) longest = recording;
      if (buffer.total < window.length) drops.add(SHORT_RECORDING, buffer.total);
      else this.advance(recording, state);
    });
    if (this.store.count === 0 && longest >= 0) this.refuseShortRecordings(longest);
    return {
      store: this.store,
      steps: window.length,
      channels: this.channelNames.length,
      channelNames: this.channelNames,
      profile: this.profile.result(),
      cellsInterpolated: this.recordings.reduce((sum, state) => sum + state.buffer.interpolated, 0),
      windows: {
        length: window.length,
        stride: window.stride,
        labelRule: window.label,
        count: this.store.count,
        recordings: this.recordings.filter((state) => state.windows > 0).length,
      },
    };
  }

  private refuseShortRecordings(longest: number): never {
    const { window, recordingNames, roles, file } = this.setup;
    const rows = this.recordings[longest].buffer.total;
    const which =
      roles.group === undefined
        ? `the file has only ${rows} usable rows`
        : `the longest recording, '${recordingNames[longest]}', has ${rows} usable rows`;
    throw new EdgeforgeError(`the window of ${window.length} rows is longer than every recording: ${which}`, {
      file,
      place: roles.group === undefined ? undefined : `column '${roles.names[roles.group]}'`,
      fix: `Use a window of at most ${rows} rows`,
    });
  }
}
