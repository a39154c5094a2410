import { EdgeforgeError } from '../../errors.js';

const MAX_PRESIZED_META = 1 << 24;

/** What a finished store holds, class and recording ids in their final numbering. */
export interface StoredSamples {
  x: Float32Array;
  y: Int32Array;
  count: number;
  /** Set only when the data names recordings: ids into `recordings`, which lists only recordings with samples. */
  recording?: Int32Array;
  recordings?: string[];
  meta: Record<string, string[]>;
}

/**
 * The samples a layout cuts, written straight into their final Float32Array. Its capacity
 * comes from an upper bound on the sample count (from the row count), so the values are
 * never copied: untouched capacity costs address space, not memory, since the OS maps
 * pages only when written. If the bound proves short, the arrays grow.
 */
export class SampleStore {
  x: Float32Array;
  private y: Int32Array;
  private recording: Int32Array;
  private readonly metaValues: string[][];
  count = 0;

  constructor(
    readonly sampleSize: number,
    expectedSamples: number,
    private readonly metaNames: readonly string[],
    private readonly file: string,
  ) {
    const capacity = Math.max(1, expectedSamples);
    this.x = this.allocate(capacity);
    this.y = new Int32Array(capacity);
    this.recording = new Int32Array(capacity);
    // Sized up front like x, since a million pushes would regrow (and copy) each array ~30 times;
    // capped because V8 turns a huge sparse array into a slow dictionary.
    this.metaValues = metaNames.map(() => new Array<string>(Math.min(capacity, MAX_PRESIZED_META)));
  }

  private allocate(samples: number): Float32Array {
    try {
      return new Float32Array(samples * this.sampleSize);
    } catch {
      throw new EdgeforgeError(`${samples} samples of ${this.sampleSize} values do not fit in memory`, {
        file: this.file,
        fix: 'Use a larger window stride, fewer feature columns or a smaller file',
      });
    }
  }

  /** Appends a sample's label, recording and meta values; returns where its values go in `x`. */
  add(label: number, recording: number, meta: readonly string[]): number {
    if (this.count === this.y.length) this.grow();
    this.y[this.count] = label;
    this.recording[this.count] = recording;
    for (let m = 0; m < meta.length; m++) this.metaValues[m][this.count] = meta[m];
    return this.count++ * this.sampleSize;
  }

  private grow(): void {
    const capacity = Math.ceil(this.y.length * 1.5) + 1;
    const x = this.allocate(capacity);
    x.set(this.x);
    this.x = x;
    const y = new Int32Array(capacity);
    y.set(this.y);
    this.y = y;
    const recording = new Int32Array(capacity);
    recording.set(this.recording);
    this.recording = recording;
  }

  /** The samples' labels so far, in the caller's provisional numbering. */
  labels(): Int32Array {
    return this.y.subarray(0, this.count);
  }

  /**
   * The samples with class ids renumbered by `finalId`. `x` is a view of the used part of its
   * buffer (copying it would double the peak memory); `recordingNames` is given when the data
   * names recordings.
   */
  finish(finalId: Int32Array, recordingNames: readonly string[] | undefined): StoredSamples {
    const count = this.count;
    const y = new Int32Array(count);
    for (let i = 0; i < count; i++) y[i] = finalId[this.y[i]];
    const meta: Record<string, string[]> = {};
    this.metaNames.forEach((name, m) => {
      const values = this.metaValues[m];
      values.length = count;
      meta[name] = values;
    });
    const samples: StoredSamples = { x: this.x.subarray(0, count * this.sampleSize), y, count, meta };
    if (recordingNames)
      Object.assign(samples, usedRecordings(this.recording.subarray(0, count), recordingNames));
    return samples;
  }
}

/** Recording ids renumbered over the recordings that kept samples, in order of first appearance. */
function usedRecordings(
  ids: Int32Array,
  names: readonly string[],
): { recording: Int32Array; recordings: string[] } {
  const renumbered = new Int32Array(names.length).fill(-1);
  const recordings: string[] = [];
  const recording = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (renumbered[id] < 0) {
      renumbered[id] = recordings.length;
      recordings.push(names[id]);
    }
    recording[i] = renumbered[id];
  }
  return { recording, recordings };
}
