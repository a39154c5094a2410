/**
 * Small helpers over a WindowSet: cut out samples by index, join two sets, count classes.
 * Every helper returns fresh arrays, so the result can be changed without touching its input.
 */
import { EdgeforgeError } from '../errors.js';
import type { WindowSet } from './types.js';

/** Values per sample: steps * channels. */
export function sampleSize(data: WindowSet): number {
  return data.steps * data.channels;
}

/** The samples at `indices`, in that order (repeats allowed), with x, y, recording and meta copied. */
export function subset(data: WindowSet, indices: ArrayLike<number>): WindowSet {
  const size = sampleSize(data);
  const count = indices.length;
  const x = new Float32Array(count * size);
  const y = new Int32Array(count);
  const recording = data.recording ? new Int32Array(count) : undefined;
  for (let i = 0; i < count; i++) {
    const source = indices[i];
    if (!Number.isInteger(source) || source < 0 || source >= data.count) {
      throw new EdgeforgeError(`sample index ${source} is outside the ${data.count} samples of the set`, {
        place: `index ${i}`,
        fix: 'Pass indices from a split of this same WindowSet',
      });
    }
    x.set(data.x.subarray(source * size, (source + 1) * size), i * size);
    y[i] = data.y[source];
    if (recording && data.recording) recording[i] = data.recording[source];
  }
  const meta: Record<string, string[]> = {};
  for (const [column, values] of Object.entries(data.meta)) {
    meta[column] = Array.from({ length: count }, (_, i) => values[indices[i]]);
  }
  return withSamples(data, { x, y, count, recording, meta });
}

/**
 * `a` followed by `b`. Both must have the same shape, channels and classes. Recording names
 * are merged by name; a meta column present in only one set is filled with '' for the other's samples.
 */
export function concat(a: WindowSet, b: WindowSet): WindowSet {
  assertSameShape(a, b);
  const count = a.count + b.count;
  const x = new Float32Array(count * sampleSize(a));
  x.set(a.x.subarray(0, a.count * sampleSize(a)));
  x.set(b.x.subarray(0, b.count * sampleSize(b)), a.count * sampleSize(a));
  const y = new Int32Array(count);
  y.set(a.y.subarray(0, a.count));
  y.set(b.y.subarray(0, b.count), a.count);
  const meta: Record<string, string[]> = {};
  for (const column of new Set([...Object.keys(a.meta), ...Object.keys(b.meta)])) {
    meta[column] = [...metaColumn(a, column), ...metaColumn(b, column)];
  }
  const joined = withSamples(a, { x, y, count, recording: undefined, meta });
  if (!a.recording || !b.recording) return joined;
  return {
    ...joined,
    ...mergeRecordings(
      a.recording.subarray(0, a.count),
      a.recordings ?? [],
      b.recording.subarray(0, b.count),
      b.recordings ?? [],
    ),
  };
}

/** Samples per class id, one entry per class name (0 for classes without samples). */
export function classCounts(data: WindowSet): number[] {
  const counts = new Array<number>(data.classes.length).fill(0);
  for (let i = 0; i < data.count; i++) counts[data.y[i]]++;
  return counts;
}

interface Samples {
  x: Float32Array;
  y: Int32Array;
  count: number;
  recording: Int32Array | undefined;
  meta: Record<string, string[]>;
}

/** A WindowSet with `template`'s shape and names but other samples. */
function withSamples(template: WindowSet, samples: Samples): WindowSet {
  const result: WindowSet = {
    x: samples.x,
    count: samples.count,
    steps: template.steps,
    channels: template.channels,
    channelNames: [...template.channelNames],
    y: samples.y,
    classes: [...template.classes],
    meta: samples.meta,
  };
  if (samples.recording && template.recordings) {
    result.recording = samples.recording;
    result.recordings = [...template.recordings];
  }
  return result;
}

function metaColumn(data: WindowSet, column: string): string[] {
  return data.meta[column] ?? new Array<string>(data.count).fill('');
}

/** Recording ids of `b` renumbered into `a`'s names, with `b`'s new names appended. */
function mergeRecordings(
  aIds: Int32Array,
  aNames: string[],
  bIds: Int32Array,
  bNames: string[],
): { recording: Int32Array; recordings: string[] } {
  const recordings = [...aNames];
  const idByName = new Map(recordings.map((name, id) => [name, id]));
  const remap = bNames.map((name) => {
    const known = idByName.get(name);
    if (known !== undefined) return known;
    idByName.set(name, recordings.length);
    recordings.push(name);
    return recordings.length - 1;
  });
  const recording = new Int32Array(aIds.length + bIds.length);
  recording.set(aIds);
  for (let i = 0; i < bIds.length; i++) recording[aIds.length + i] = remap[bIds[i]];
  return { recording, recordings };
}

function assertSameShape(a: WindowSet, b: WindowSet): void {
  const differences: string[] = [];
  if (a.steps !== b.steps || a.channels !== b.channels) {
    differences.push(`shape [${a.steps}, ${a.channels}] vs [${b.steps}, ${b.channels}]`);
  }
  if (a.channelNames.join('\u0000') !== b.channelNames.join('\u0000')) {
    differences.push(`channels [${a.channelNames.join(', ')}] vs [${b.channelNames.join(', ')}]`);
  }
  if (a.classes.join('\u0000') !== b.classes.join('\u0000')) {
    differences.push(`classes [${a.classes.join(', ')}] vs [${b.classes.join(', ')}]`);
  }
  if (Boolean(a.recording) !== Boolean(b.recording)) {
    differences.push('one set names recordings, the other does not');
  }
  if (differences.length > 0) {
    throw new EdgeforgeError(`cannot join two window sets that differ: ${differences.join('; ')}`, {
      fix: 'Join only windows cut from the same dataset configuration',
    });
  }
}
