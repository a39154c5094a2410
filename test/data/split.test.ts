import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeforgeError } from '../../src/errors.js';
import { splitData, type SplitOptions } from '../../src/data/split.js';
import type { SplitIndices, WindowSet } from '../../src/data/types.js';

/** One-value samples; class c has classSizes[c] consecutive samples, named 'c0', 'c1', ... */
function samples(classSizes: number[], meta: Record<string, string[]> = {}): WindowSet {
  const y = Int32Array.from(classSizes.flatMap((size, c) => new Array<number>(size).fill(c)));
  return {
    x: Float32Array.from(y, (_, i) => i),
    count: y.length,
    steps: 1,
    channels: 1,
    channelNames: ['v'],
    y,
    classes: classSizes.map((_, c) => `c${c}`),
    meta,
  };
}

/** Recordings given as [class, windows] pairs; each recording's windows are consecutive. */
function recordings(list: [number, number][], extraClasses = 0): WindowSet {
  const y: number[] = [];
  const recording: number[] = [];
  list.forEach(([label, windows], r) => {
    for (let k = 0; k < windows; k++) {
      y.push(label);
      recording.push(r);
    }
  });
  const classCount = Math.max(...list.map(([label]) => label)) + 1 + extraClasses;
  return {
    ...samples(new Array<number>(classCount).fill(0)),
    x: new Float32Array(y.length),
    count: y.length,
    y: Int32Array.from(y),
    recording: Int32Array.from(recording),
    recordings: list.map((_, r) => `rec${r}`),
  };
}

const FRACTIONS = { train: 0.7, validation: 0.15, test: 0.15, seed: 1 };

function perClass(data: WindowSet, indices: Int32Array): number[] {
  const counts = new Array<number>(data.classes.length).fill(0);
  for (const i of indices) counts[data.y[i]]++;
  return counts;
}

/** Every sample in exactly one split, each split ascending. */
function assertPartition(data: WindowSet, split: SplitIndices): void {
  const seen = new Uint8Array(data.count);
  for (const part of [split.train, split.validation, split.test]) {
    for (let k = 0; k < part.length; k++) {
      if (k > 0) assert.ok(part[k] > part[k - 1], 'ascending');
      seen[part[k]]++;
    }
  }
  assert.ok(
    seen.every((times) => times === 1),
    'every sample lands in exactly one split',
  );
}

function assertEdgeforgeError(run: () => unknown, pattern: RegExp, place?: string): EdgeforgeError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof EdgeforgeError, `expected an EdgeforgeError, got ${String(caught)}`);
  assert.match(caught.oneLine(), pattern);
  if (place !== undefined) assert.equal(caught.place, place);
  return caught;
}

test('stratified split: largest-remainder counts per class', () => {
  // Quotas n * (0.7, 0.15, 0.15): 10 -> 7, 1.5, 1.5: floors 7,1,1, the one left goes to the
  // first of the tied remainders (validation); 20 -> 14, 3, 3 exactly; 7 -> 4.9, 1.05, 1.05:
  // floors 4,1,1, the one left to the largest remainder (train).
  const data = samples([10, 20, 7]);
  const split = splitData(data, FRACTIONS);
  assertPartition(data, split);
  assert.equal(split.method, 'stratified');
  assert.deepEqual(perClass(data, split.train), [7, 14, 5]);
  assert.deepEqual(perClass(data, split.validation), [2, 3, 1]);
  assert.deepEqual(perClass(data, split.test), [1, 3, 1]);
});

test('the seed decides which samples go where, reproducibly', () => {
  const data = samples([10, 20, 7]);
  const first = splitData(data, FRACTIONS);
  assert.deepEqual(splitData(data, FRACTIONS), first);
  const other = splitData(data, { ...FRACTIONS, seed: 2 });
  assert.notDeepEqual([...other.train], [...first.train]);
  assert.deepEqual(perClass(data, other.train), perClass(data, first.train));
});

test('every split with a fraction gets at least one sample of a class that has enough', () => {
  // 3 samples at 0.8/0.1/0.1: largest remainder gives 3,0,0; one each is moved to validation and test.
  // 5 samples: 4, 0.5, 0.5 -> 4,1,0 (tie to validation); test takes one from train -> 3,1,1.
  const data = samples([3, 5]);
  const split = splitData(data, { train: 0.8, validation: 0.1, test: 0.1, seed: 3 });
  assert.deepEqual(perClass(data, split.train), [1, 3]);
  assert.deepEqual(perClass(data, split.validation), [1, 1]);
  assert.deepEqual(perClass(data, split.test), [1, 1]);
});

test('validation 0 leaves validation empty, and two samples can fill train and test', () => {
  // 2 samples at 0.8/0/0.2: 1.6, 0, 0.4 -> 2,0,0, then test takes one -> 1,0,1.
  const data = samples([2, 10]);
  const split = splitData(data, { train: 0.8, validation: 0, test: 0.2, seed: 1 });
  assert.equal(split.validation.length, 0);
  assert.deepEqual(perClass(data, split.train), [1, 8]);
  assert.deepEqual(perClass(data, split.test), [1, 2]);
});

test('a class too small for the splits is named, with the split and what to do', () => {
  const data = samples([10, 1]);
  const error = assertEdgeforgeError(
    () => splitData(data, FRACTIONS, 'data.csv'),
    /^data\.csv: class 'c1': no sample in the validation split: the class has 1 sample\(s\) in all\. Add more samples of 'c1', set data\.split\.validation to 0, or place samples with a rule-based split\.$/,
  );
  assert.equal(error.file, 'data.csv');
});

test('not stratified: one shuffle over all samples, by the same counting rule', () => {
  // 37 samples: 25.9, 5.55, 5.55 -> floors 25,5,5; the two left go to train (0.9) and validation.
  const data = samples([17, 20]);
  const split = splitData(data, { ...FRACTIONS, stratify: false });
  assertPartition(data, split);
  assert.equal(split.method, 'random, not stratified');
  assert.deepEqual([split.train.length, split.validation.length, split.test.length], [26, 6, 5]);
});

test('fractions must be non-negative and add up to 1', () => {
  assertEdgeforgeError(
    () => splitData(samples([10]), { train: 0.7, validation: 0.2, test: 0.2, seed: 1 }, 'run.yaml'),
    /^run\.yaml: field data\.split\.train, field data\.split\.validation, field data\.split\.test: split fractions train=0\.7 \+ validation=0\.2 \+ test=0\.2 add up to 1\.09+\d*, not 1\. Change them so they add up to 1/,
  );
  assertEdgeforgeError(
    () => splitData(samples([10]), { train: 1.1, validation: -0.1, test: 0, seed: 1 }),
    /split fraction validation is -0\.1/,
    'field data.split.validation',
  );
  // Within 1e-9 of 1 is accepted.
  const split = splitData(samples([20]), { train: 0.7, validation: 0.15, test: 0.15 + 5e-10, seed: 1 });
  assert.equal(split.train.length, 14);
  assertEdgeforgeError(
    () => splitData(samples([20]), { train: 0, validation: 0.5, test: 0.5, seed: 1 }),
    /the train split would be empty/,
  );
});

/** Class 0: 8 recordings, class 1: 6; recording 14 is mixed (6 windows of class 0, 2 of class 1). */
function sessions(): WindowSet {
  const list: [number, number][] = [
    [0, 10],
    [0, 12],
    [0, 8],
    [0, 9],
    [0, 11],
    [0, 10],
    [0, 7],
    [0, 13],
    [1, 20],
    [1, 5],
    [1, 15],
    [1, 10],
    [1, 8],
    [1, 12],
  ];
  const data = recordings(list);
  const mixed = Int32Array.from([...data.y, 0, 0, 0, 0, 0, 0, 1, 1]);
  return {
    ...data,
    x: new Float32Array(mixed.length),
    count: mixed.length,
    y: mixed,
    recording: Int32Array.from([...(data.recording ?? []), ...new Array<number>(8).fill(14)]),
    recordings: [...(data.recordings ?? []), 'rec14'],
  };
}

test('grouped split keeps each recording whole and approaches the fractions by windows', () => {
  const data = sessions();
  const split = splitData(data, FRACTIONS);
  assertPartition(data, split);
  assert.equal(split.method, 'grouped by recording');
  const recordingIds = data.recording ?? new Int32Array(0);
  const home = new Map<number, string>();
  for (const [name, part] of Object.entries({
    train: split.train,
    validation: split.validation,
    test: split.test,
  })) {
    for (const i of part) {
      const r = recordingIds[i];
      assert.ok(
        home.get(r) === undefined || home.get(r) === name,
        `recording ${r} is in ${home.get(r)} and ${name}`,
      );
      home.set(r, name);
    }
    assert.ok(
      perClass(data, part).every((count) => count > 0),
      `${name} holds every class`,
    );
  }
  assert.equal(home.size, 15);
  // 166 windows; a recording holds at most 20, so each split is within 20 windows of its target.
  assert.ok(Math.abs(split.train.length - 0.7 * data.count) <= 20, `train ${split.train.length}`);
  assert.ok(Math.abs(split.test.length - 0.15 * data.count) <= 20, `test ${split.test.length}`);
  assert.deepEqual(splitData(data, FRACTIONS), split, 'deterministic');
});

test('grouped split with too few recordings of a class suggests a rule-based split', () => {
  const data = recordings([
    [0, 10],
    [0, 10],
    [0, 10],
    [0, 10],
    [1, 30],
    [1, 30],
  ]);
  assertEdgeforgeError(
    () => splitData(data, FRACTIONS, 'walk.csv'),
    /^walk\.csv: class 'c1': no window in the \w+ split: the class's 60 windows come from 2 recording\(s\), and each recording stays whole in one split\. Use a rule-based split \(e\.g\. rules: \[\{ column: segment, values: \['3'\], split: test \}\]\)/,
  );
  // Two recordings are enough for train and test once validation is 0.
  const split = splitData(data, { train: 0.8, validation: 0, test: 0.2, seed: 1 });
  assert.deepEqual(
    perClass(data, split.test).map((count) => count > 0),
    [true, true],
  );
  assertEdgeforgeError(
    () => splitData(samples([10]), { ...FRACTIONS, by: 'recording' }),
    /data names no recordings/,
    'field data.split.by',
  );
});

/** 2 classes of 20 samples; samples 4, 9, 13 of each class have segment 3, the rest segments 1 and 2. */
function segmented(): WindowSet {
  const segment = Array.from({ length: 40 }, (_, i) =>
    [4, 9, 13].includes(i % 20) ? '3' : String(1 + (i % 2)),
  );
  return samples([20, 20], { segment });
}

test('a rule sends matching samples to its split; the rest is split by renormalised fractions', () => {
  const data = segmented();
  const split = splitData(data, {
    ...FRACTIONS,
    rules: [{ column: 'segment', values: ['3'], split: 'test' }],
  });
  assertPartition(data, split);
  assert.deepEqual([...split.test], [4, 9, 13, 24, 29, 33]);
  // 17 left per class, split 0.7/0.85 : 0.15/0.85 -> 14 and 3.
  assert.deepEqual(perClass(data, split.train), [14, 14]);
  assert.deepEqual(perClass(data, split.validation), [3, 3]);
  assert.equal(split.method, 'rule: segment = 3 -> test; rest stratified');
});

test('with recordings and a rule, the rest is split by sample unless by: recording', () => {
  const data: WindowSet = {
    ...segmented(),
    recording: Int32Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1)),
    recordings: ['a', 'b'],
  };
  const rules = [{ column: 'segment', values: ['3'], split: 'test' as const }];
  const split = splitData(data, { ...FRACTIONS, rules });
  assert.equal(split.method, 'rule: segment = 3 -> test; rest stratified');
  assert.deepEqual([...split.test], [4, 9, 13, 24, 29, 33]);
  assertEdgeforgeError(
    () => splitData(data, { ...FRACTIONS, rules, by: 'recording' }),
    /no window in the validation split: the class's 20 windows come from 1 recording/,
  );
});

test('rule problems are reported with the rule and what to do', () => {
  const data = segmented();
  const base: SplitOptions = { ...FRACTIONS };
  assertEdgeforgeError(
    () =>
      splitData(data, { ...base, rules: [{ column: 'session', values: ['3'], split: 'test' }] }, 'run.yaml'),
    /^run\.yaml: field data\.split\.rules\[0\]\.column: split rule names column 'session', which the data does not carry\. Use one of the meta columns: segment\.$/,
  );
  assertEdgeforgeError(
    () => splitData(data, { ...base, rules: [{ column: 'segment', values: ['9'], split: 'test' }] }),
    /matches no sample: no segment is one of \[9\]\. Use values the column holds, such as 1, 2, 3/,
    'field data.split.rules[0].values',
  );
  assertEdgeforgeError(
    () =>
      splitData(data, {
        ...base,
        rules: [
          { column: 'segment', values: ['3'], split: 'test' },
          { column: 'segment', values: ['2', '3'], split: 'validation' },
        ],
      }),
    /sample 4 \(segment = 3\) is sent to test by an earlier rule and to validation by this one/,
    'field data.split.rules[1]',
  );
  const oneSided = samples([20, 20], { segment: Array.from({ length: 40 }, (_, i) => (i < 3 ? '3' : '1')) });
  assertEdgeforgeError(
    () => splitData(oneSided, { ...base, rules: [{ column: 'segment', values: ['3'], split: 'test' }] }),
    /^class 'c1': no sample in the test split, which a rule fills\. Widen the rule's values/,
  );
});

test('two rules can feed two splits; everything else goes to train', () => {
  const data = segmented();
  const split = splitData(data, {
    ...FRACTIONS,
    rules: [
      { column: 'segment', values: ['3'], split: 'test' },
      { column: 'segment', values: ['2'], split: 'validation' },
    ],
  });
  assert.equal(split.method, 'rule: segment = 3 -> test; rule: segment = 2 -> validation; rest stratified');
  // Segment 1 = even i outside {4, 24} (segment 3): 9 per class.
  assert.deepEqual(perClass(data, split.train), [9, 9]);
  assert.ok([...split.validation].every((i) => data.meta.segment[i] === '2'));
});
