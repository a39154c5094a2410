/**
 * Which column plays which part: the label, the features, the recording id, the timestamp,
 * and the rest, which are left out of the features but kept per sample as meta values.
 * Names the user gives must exist; unnamed parts are recognised by their usual names.
 */
import { EdgeforgeError } from '../../errors.js';
import { closestName } from '../../util/closest.js';

export interface ColumnChoice {
  label?: string;
  features?: string[];
  ignore?: string[];
  group?: string;
  timestamp?: string;
}

export interface ColumnRoles {
  names: string[];
  label: number;
  features: number[];
  group: number | undefined;
  timestamp: number | undefined;
  /** Every column that is neither the label nor a feature, in file order. */
  meta: number[];
  ignored: { name: string; reason: string }[];
}

const LABEL_NAMES = ['label', 'fault_label', 'class', 'target'];
const GROUP_NAMES = ['recording', 'recording_id', 'run', 'run_id', 'file_id'];
const TIMESTAMP_NAMES = ['time', 'timestamp', 'datetime', 'date', 't'];

/** Why a column is obviously not a feature, judged by its name alone. */
function reasonByName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'id' || lower === 'index' || /^unnamed: \d+$/.test(lower) || lower.endsWith('_id')) {
    return 'id or index column';
  }
  if (lower.endsWith('_name')) return 'name column';
  if (lower === 'segment') return 'segment column';
  return undefined;
}

function listForError(names: readonly string[]): string {
  const shown = names.slice(0, 12).map((name) => `'${name}'`);
  return shown.join(', ') + (names.length > shown.length ? `, ... (${names.length} columns)` : '');
}

/** The index of the column the user named `wanted` (exact, else case-insensitive), else an error. */
function findNamed(names: readonly string[], wanted: string, option: string, file: string): number {
  const exact = names.indexOf(wanted);
  if (exact >= 0) return exact;
  const lower = wanted.toLowerCase();
  const loose = names.findIndex((name) => name.toLowerCase() === lower);
  if (loose >= 0) return loose;
  const closest = closestName(wanted, names);
  const hint = closest ? `did you mean '${closest}'?` : `the columns are ${listForError(names)}`;
  throw new EdgeforgeError(`no column '${wanted}' (${hint})`, {
    file,
    place: 'header',
    fix: `Set ${option} to one of the file's column names`,
  });
}

/** The first of `candidates` (in their priority order) present in `names`, case-insensitive. */
function findRecognised(
  names: readonly string[],
  candidates: readonly string[],
  taken: Set<number>,
): number | undefined {
  const lowered = names.map((name) => name.toLowerCase());
  for (const candidate of candidates) {
    const index = lowered.indexOf(candidate);
    if (index >= 0 && !taken.has(index)) return index;
  }
  return undefined;
}

function findLabel(names: readonly string[], choice: ColumnChoice, file: string): number {
  if (choice.label !== undefined) return findNamed(names, choice.label, 'label', file);
  const recognised = findRecognised(names, LABEL_NAMES, new Set());
  if (recognised !== undefined) return recognised;
  throw new EdgeforgeError(
    `no label column (looked for ${LABEL_NAMES.join(', ')}; the columns are ${listForError(names)})`,
    {
      file,
      place: 'header',
      fix: 'Name the label column with label (--label COL)',
    },
  );
}

/**
 * Assign every column a part. `textColumns` holds the columns sniffed as text, which cannot
 * be features: leaving them out by default, refusing them when listed as features.
 */
export function resolveColumns(
  names: string[],
  choice: ColumnChoice,
  textColumns: ReadonlySet<number>,
  file: string,
): ColumnRoles {
  const label = findLabel(names, choice, file);
  const reasons = new Map<number, string>();
  for (const name of choice.ignore ?? [])
    reasons.set(findNamed(names, name, 'ignore', file), 'ignored by config');
  const listed = choice.features?.map((name) => findNamed(names, name, 'features', file));
  // Listed features are never claimed by name recognition.
  const taken = new Set([label, ...reasons.keys(), ...(listed ?? [])]);
  const group =
    choice.group !== undefined
      ? findNamed(names, choice.group, 'group', file)
      : findRecognised(names, GROUP_NAMES, taken);
  if (group !== undefined) {
    reasons.set(group, 'recording id');
    taken.add(group);
  }
  const timestamp =
    choice.timestamp !== undefined
      ? findNamed(names, choice.timestamp, 'timestamp', file)
      : findRecognised(names, TIMESTAMP_NAMES, taken);
  if (timestamp !== undefined) reasons.set(timestamp, 'timestamp');

  const features = listed
    ? checkListedFeatures(names, listed, label, reasons, textColumns, file)
    : pickDefaultFeatures(names, label, reasons, textColumns);
  if (features.length === 0) {
    throw new EdgeforgeError(`no numeric feature columns besides the label '${names[label]}'`, {
      file,
      place: 'header',
      fix: 'Check the delimiter and the column names, or list the features with features',
    });
  }
  const leftOut = names.map((_, i) => i).filter((i) => i !== label && !features.includes(i));
  // Timestamps are unique per row: keeping one per window would cost memory and serve no split rule.
  const meta = leftOut.filter((i) => i !== timestamp);
  return {
    names,
    label,
    features,
    group,
    timestamp,
    meta,
    ignored: leftOut.map((i) => ({ name: names[i], reason: reasons.get(i) ?? 'not listed in features' })),
  };
}

/** The listed feature columns, refusing any that is the label, otherwise used, or text. */
function checkListedFeatures(
  names: readonly string[],
  listed: number[],
  label: number,
  reasons: ReadonlyMap<number, string>,
  textColumns: ReadonlySet<number>,
  file: string,
): number[] {
  for (const index of listed) {
    const conflict = index === label ? 'the label' : reasons.get(index);
    if (conflict !== undefined || textColumns.has(index)) {
      const why =
        textColumns.has(index) && conflict === undefined ? 'holds text, not numbers' : `is ${conflict}`;
      throw new EdgeforgeError(`feature column '${names[index]}' ${why}`, {
        file,
        place: `column '${names[index]}'`,
        fix: 'Remove it from features',
      });
    }
  }
  return listed;
}

/** Every column not taken by another part, not obviously an id or name, and numeric. */
function pickDefaultFeatures(
  names: readonly string[],
  label: number,
  reasons: Map<number, string>,
  textColumns: ReadonlySet<number>,
): number[] {
  const features: number[] = [];
  names.forEach((name, i) => {
    if (i === label || reasons.has(i)) return;
    const byName = reasonByName(name);
    if (byName !== undefined) reasons.set(i, byName);
    else if (textColumns.has(i)) reasons.set(i, 'non-numeric');
    else features.push(i);
  });
  return features;
}
