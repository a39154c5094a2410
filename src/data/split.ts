/**
 * Cuts a WindowSet into train / validation / test index sets: seeded, stratified by class,
 * grouped by recording when the data names recordings (so no recording leaks across splits),
 * or fed by explicit rules on a meta column for data with too few recordings to group.
 */
import { EdgeforgeError } from '../errors.js';
import { Random } from '../util/random.js';
import type { SplitIndices, WindowSet } from './types.js';
import { classCounts } from './window-set.js';

export type SplitName = 'train' | 'validation' | 'test';

/** Samples whose meta `column` holds one of `values` (exact string match) go to `split`. */
export interface SplitRule {
  column: string;
  values: string[];
  split: SplitName;
}

export interface SplitOptions {
  train: number;
  validation: number;
  test: number;
  seed: number;
  /** Keep each class's share equal across splits. Default true. */
  stratify?: boolean;
  /**
   * 'recording' keeps each recording whole in one split, 'sample' splits windows freely.
   * 'auto' (default) groups by recording when the WindowSet names recordings and no rule is
   * given; with rules, the samples no rule claims are split by sample unless 'recording' is asked for.
   */
  by?: 'auto' | 'recording' | 'sample';
  /** Applied in order; a sample matched by two rules must be sent to the same split by both. */
  rules?: SplitRule[];
}

const SPLITS: readonly SplitName[] = ['train', 'validation', 'test'];
const UNASSIGNED = -1;
/** Where the split options live in a pipeline config, for error messages. */
const FIELD = 'data.split';

export function splitData(data: WindowSet, options: SplitOptions, source?: string): SplitIndices {
  const fractions = checkOptions(options, source);
  const rules = options.rules ?? [];
  const grouped = groupsByRecording(data, options, rules.length > 0, source);
  const stratify = options.stratify ?? true;
  const random = new Random(options.seed);

  const assignment = new Int8Array(data.count).fill(UNASSIGNED);
  const fed = applyRules(data, rules, assignment, source);
  const remaining = unassigned(assignment);
  const shares = sharesForRemaining(fractions, fed, remaining.length, source);
  const job: AssignJob = { data, remaining, shares, stratify, random, assignment };
  if (grouped) assignByRecording(job);
  else assignBySample(job);

  const splits = collect(assignment);
  const active = SPLITS.map((_, s) => fed[s] || shares[s] > 0);
  checkEveryClassPresent(data, splits, active, fed, { grouped, stratify }, source);
  return {
    train: splits[0],
    validation: splits[1],
    test: splits[2],
    method: describe(rules, remaining.length, grouped, stratify),
  };
}

function checkOptions(options: SplitOptions, source: string | undefined): number[] {
  if (!Number.isInteger(options.seed)) {
    throw new EdgeforgeError(`split seed ${options.seed} is not an integer`, {
      file: source,
      place: `field ${FIELD}.seed`,
      fix: 'Use a whole number such as 42',
    });
  }
  const fractions = SPLITS.map((name) => options[name]);
  SPLITS.forEach((name, s) => {
    if (!Number.isFinite(fractions[s]) || fractions[s] < 0) {
      throw new EdgeforgeError(`split fraction ${name} is ${fractions[s]}, it must be a number from 0 to 1`, {
        file: source,
        place: `field ${FIELD}.${name}`,
        fix: 'Use fractions such as train 0.7, validation 0.15, test 0.15',
      });
    }
  });
  const sum = fractions[0] + fractions[1] + fractions[2];
  if (Math.abs(sum - 1) > 1e-9) {
    const listed = SPLITS.map((name, s) => `${name}=${fractions[s]}`).join(' + ');
    throw new EdgeforgeError(`split fractions ${listed} add up to ${sum}, not 1`, {
      file: source,
      place: SPLITS.map((name) => `field ${FIELD}.${name}`).join(', '),
      fix: 'Change them so they add up to 1, e.g. train 0.7, validation 0.15, test 0.15',
    });
  }
  return fractions;
}

/** Whether the samples no rule claims are split by whole recordings. */
function groupsByRecording(
  data: WindowSet,
  options: SplitOptions,
  hasRules: boolean,
  source: string | undefined,
): boolean {
  const by = options.by ?? 'auto';
  if (by === 'recording' && !data.recording) {
    throw new EdgeforgeError('split by recording was asked for, but the data names no recordings', {
      file: source,
      place: `field ${FIELD}.by`,
      fix: 'Name the recording (group) column in the data config, or use by: sample',
    });
  }
  if (by === 'auto') return data.recording !== undefined && !hasRules;
  return by === 'recording';
}

/** Writes each rule's split into `assignment`; returns which splits a rule fed. */
function applyRules(
  data: WindowSet,
  rules: SplitRule[],
  assignment: Int8Array,
  source: string | undefined,
): boolean[] {
  const fed = [false, false, false];
  rules.forEach((rule, r) => {
    const place = `field ${FIELD}.rules[${r}]`;
    const column = data.meta[rule.column];
    if (column === undefined) {
      const known = Object.keys(data.meta);
      throw new EdgeforgeError(`split rule names column '${rule.column}', which the data does not carry`, {
        file: source,
        place: `${place}.column`,
        fix: known.length
          ? `Use one of the meta columns: ${known.join(', ')}`
          : 'Keep the column out of the features (list it under ignored or group columns) so rules can use it',
      });
    }
    const target = SPLITS.indexOf(rule.split);
    if (target < 0) {
      throw new EdgeforgeError(`split rule sends samples to '${rule.split}', which is no split`, {
        file: source,
        place: `${place}.split`,
        fix: 'Use train, validation or test',
      });
    }
    const values = new Set(rule.values);
    let matched = 0;
    for (let i = 0; i < data.count; i++) {
      if (!values.has(column[i])) continue;
      if (assignment[i] !== UNASSIGNED && assignment[i] !== target) {
        throw new EdgeforgeError(
          `sample ${i} (${rule.column} = ${column[i]}) is sent to ${SPLITS[assignment[i]]} by an earlier rule and to ${rule.split} by this one`,
          { file: source, place, fix: 'Make the rules match disjoint values' },
        );
      }
      assignment[i] = target;
      matched++;
    }
    if (matched === 0) {
      const seen = [...new Set(column)].slice(0, 10);
      throw new EdgeforgeError(
        `split rule matches no sample: no ${rule.column} is one of [${rule.values.join(', ')}]`,
        {
          file: source,
          place: `${place}.values`,
          fix: `Use values the column holds, such as ${seen.join(', ')}`,
        },
      );
    }
    fed[target] = true;
  });
  return fed;
}

function unassigned(assignment: Int8Array): Int32Array {
  const indices: number[] = [];
  for (let i = 0; i < assignment.length; i++) if (assignment[i] === UNASSIGNED) indices.push(i);
  return Int32Array.from(indices);
}

/** The fractions renormalised over the splits no rule feeds (fed splits get share 0). */
function sharesForRemaining(
  fractions: number[],
  fed: boolean[],
  remaining: number,
  source: string | undefined,
): number[] {
  const open = fractions.map((fraction, s) => (fed[s] ? 0 : fraction));
  const total = open[0] + open[1] + open[2];
  if (remaining > 0 && total === 0) {
    throw new EdgeforgeError(
      `${remaining} samples match no split rule, and every split without a rule has fraction 0`,
      {
        file: source,
        place: `field ${FIELD}`,
        fix: 'Give a split without a rule a fraction above 0 (usually train), or add a rule for the rest',
      },
    );
  }
  return open.map((share) => (total > 0 ? share / total : 0));
}

/** The samples no rule placed, the shares they are cut by, and the per-sample split index to fill in. */
interface AssignJob {
  data: WindowSet;
  remaining: Int32Array;
  shares: number[];
  stratify: boolean;
  random: Random;
  assignment: Int8Array;
}

/** Per class (or over all samples when not stratified): shuffle, then cut by the shares. */
function assignBySample({ data, remaining, shares, stratify, random, assignment }: AssignJob): void {
  const groups = stratify ? byClass(data, remaining) : [Int32Array.from(remaining)];
  for (const members of groups) {
    random.shuffle(members);
    const counts = allocate(members.length, shares);
    let next = 0;
    counts.forEach((count, s) => {
      for (let k = 0; k < count; k++) assignment[members[next++]] = s;
    });
  }
}

/** Seeded orders tried per class when handing out recordings; the closest fit to the fractions wins. */
const RECORDING_ORDERS = 20;

/**
 * Whole recordings go to one split each. Recordings are labelled by the majority class of
 * their windows and handed out per label: in a seeded order, every split but the largest takes
 * each recording that brings it closer to its window target (it may overshoot by less than half
 * the recording), at least one while enough are left, and the largest split takes the rest.
 * Of several seeded orders, the one whose window counts come closest to the targets is kept.
 */
function assignByRecording({ data, remaining, shares, stratify, random, assignment }: AssignJob): void {
  const windowsOf = windowsPerRecording(data, remaining);
  const labels = stratify ? majorityClasses(data, windowsOf) : windowsOf.map(() => 0);
  const groupCount = stratify ? data.classes.length : 1;
  for (let group = 0; group < groupCount; group++) {
    const recordings = windowsOf.filter((_, r) => labels[r] === group);
    let best: { order: number[][]; home: Int8Array; miss: number } = {
      order: recordings,
      home: new Int8Array(0),
      miss: Infinity,
    };
    for (let attempt = 0; attempt < RECORDING_ORDERS && recordings.length > 0; attempt++) {
      const order = random.shuffle([...recordings]);
      const candidate = handOut(order, shares);
      if (candidate.miss < best.miss) best = { order, ...candidate };
    }
    best.order.forEach((windows, r) => {
      for (const i of windows) assignment[i] = best.home[r];
    });
  }
}

/** One pass of the hand-out in the given order: the split per recording, and the windows off target. */
function handOut(recordings: number[][], shares: number[]): { home: Int8Array; miss: number } {
  const active = [0, 1, 2].filter((s) => shares[s] > 0);
  const largest = active.reduce((best, s) => (shares[s] > shares[best] ? s : best), active[0]);
  const smaller = active.filter((s) => s !== largest);
  const total = recordings.reduce((sum, windows) => sum + windows.length, 0);
  const home = new Int8Array(recordings.length).fill(largest);
  const filled = [0, 0, 0];
  let left = recordings.length;
  smaller.forEach((s, k) => {
    // Leave one recording for each split still to be fed after this one, the largest included.
    const reserve = smaller.length - k;
    const target = shares[s] * total;
    recordings.forEach((windows, r) => {
      if (home[r] !== largest || left <= reserve || filled[s] + windows.length / 2 > target) return;
      home[r] = s;
      filled[s] += windows.length;
      left--;
    });
    if (filled[s] === 0 && left > reserve) {
      const r = smallestWith(recordings, home, largest);
      home[r] = s;
      filled[s] += recordings[r].length;
      left--;
    }
  });
  filled[largest] = total - filled.reduce((sum, count, s) => (s === largest ? sum : sum + count), 0);
  const miss = active.reduce((sum, s) => sum + Math.abs(filled[s] - shares[s] * total), 0);
  return { home, miss };
}

/** The smallest recording still in `split`. */
function smallestWith(recordings: number[][], home: Int8Array, split: number): number {
  let best = -1;
  recordings.forEach((windows, r) => {
    if (home[r] === split && (best < 0 || windows.length < recordings[best].length)) best = r;
  });
  return best;
}

/** Sample indices per recording, recordings in order of first appearance. */
function windowsPerRecording(data: WindowSet, remaining: Int32Array): number[][] {
  const recordingIds = data.recording ?? new Int32Array(data.count);
  const byRecording = new Map<number, number[]>();
  for (const i of remaining) {
    const windows = byRecording.get(recordingIds[i]);
    if (windows) windows.push(i);
    else byRecording.set(recordingIds[i], [i]);
  }
  return [...byRecording.values()];
}

/** The most frequent class among each recording's windows (ties: the lower class id). */
function majorityClasses(data: WindowSet, windowsOf: number[][]): number[] {
  const votes = new Int32Array(data.classes.length);
  return windowsOf.map((windows) => {
    votes.fill(0);
    for (const i of windows) votes[data.y[i]]++;
    let best = 0;
    for (let c = 1; c < votes.length; c++) if (votes[c] > votes[best]) best = c;
    return best;
  });
}

/**
 * Integer counts per split summing to `total`, by largest remainder; then every split with a
 * share gets at least one sample, taken from the largest, while there are enough to go round.
 */
function allocate(total: number, shares: number[]): number[] {
  const quotas = shares.map((share) => share * total);
  const counts = quotas.map(Math.floor);
  const byRemainder = [0, 1, 2].sort((a, b) => quotas[b] - counts[b] - (quotas[a] - counts[a]) || a - b);
  let left = total - counts[0] - counts[1] - counts[2];
  for (let k = 0; left > 0; k++) {
    const s = byRemainder[k % 3];
    if (shares[s] > 0) {
      counts[s]++;
      left--;
    }
  }
  for (let s = 0; s < 3; s++) {
    if (shares[s] === 0 || counts[s] > 0) continue;
    const donor = counts.indexOf(Math.max(...counts));
    if (counts[donor] > 1) {
      counts[donor]--;
      counts[s]++;
    }
  }
  return counts;
}

function byClass(data: WindowSet, indices: Int32Array): Int32Array[] {
  const members = data.classes.map((): number[] => []);
  for (const i of indices) members[data.y[i]].push(i);
  return members.map((list) => Int32Array.from(list));
}

/** Index lists per split, ascending because samples are visited in order. */
function collect(assignment: Int8Array): Int32Array[] {
  const sizes = [0, 0, 0];
  for (const s of assignment) sizes[s]++;
  const splits = sizes.map((size) => new Int32Array(size));
  const next = [0, 0, 0];
  assignment.forEach((s, i) => {
    splits[s][next[s]++] = i;
  });
  return splits;
}

function checkEveryClassPresent(
  data: WindowSet,
  splits: Int32Array[],
  active: boolean[],
  fed: boolean[],
  how: { grouped: boolean; stratify: boolean },
  source: string | undefined,
): void {
  if (!active[0]) {
    throw new EdgeforgeError('the train split would be empty: its fraction is 0 and no rule feeds it', {
      file: source,
      place: `field ${FIELD}.train`,
      fix: 'Give train a fraction above 0',
    });
  }
  const totals = classCounts(data);
  splits.forEach((indices, s) => {
    if (!active[s]) return;
    const present = new Uint8Array(data.classes.length);
    for (const i of indices) present[data.y[i]] = 1;
    const missing = totals.findIndex((total, c) => total > 0 && present[c] === 0);
    if (missing < 0) return;
    const name = data.classes[missing];
    const { problem, fix } = fed[s]
      ? {
          problem: `no sample in the ${SPLITS[s]} split, which a rule fills`,
          fix: `Widen the rule's values so the ${SPLITS[s]} split holds every class`,
        }
      : explainMissing(data, name, missing, totals[missing], SPLITS[s], how);
    throw new EdgeforgeError(problem, { file: source, place: `class '${name}'`, fix });
  });
}

function explainMissing(
  data: WindowSet,
  name: string,
  classId: number,
  total: number,
  split: SplitName,
  how: { grouped: boolean; stratify: boolean },
): { problem: string; fix: string } {
  const fewerSplits = split === 'train' ? '' : `set ${FIELD}.${split} to 0, `;
  if (how.grouped) {
    const recordings = new Set<number>();
    for (let i = 0; i < data.count; i++) if (data.y[i] === classId) recordings.add(data.recording?.[i] ?? 0);
    return {
      problem: `no window in the ${split} split: the class's ${total} windows come from ${recordings.size} recording(s), and each recording stays whole in one split`,
      fix: `Use a rule-based split (e.g. rules: [{ column: segment, values: ['3'], split: test }]), ${fewerSplits}or record more sessions of '${name}'`,
    };
  }
  return {
    problem: `no sample in the ${split} split: the class has ${total} sample(s) in all`,
    fix: `Add more samples of '${name}', ${fewerSplits}${how.stratify ? '' : 'turn stratify on, '}or place samples with a rule-based split`,
  };
}

function describe(rules: SplitRule[], remaining: number, grouped: boolean, stratify: boolean): string {
  const base = grouped
    ? `grouped by recording${stratify ? '' : ', not stratified'}`
    : stratify
      ? 'stratified'
      : 'random, not stratified';
  if (rules.length === 0) return base;
  const ruleText = rules
    .map((rule) => {
      const match = rule.values.length === 1 ? `= ${rule.values[0]}` : `in {${rule.values.join(', ')}}`;
      return `rule: ${rule.column} ${match} -> ${rule.split}`;
    })
    .join('; ');
  return remaining > 0 ? `${ruleText}; rest ${base}` : ruleText;
}
