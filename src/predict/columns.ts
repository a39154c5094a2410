/**
 * Where a file to score (or a stream's header) holds what the model needs: its feature
 * columns by name, and, when present, the label (for metrics), the recording id (windows
 * never cross recordings) and the timestamp (for the output).
 */
import { resolveColumns } from '../data/layout/columns.js';
import { EdgeforgeError } from '../errors.js';
import type { Preprocessing } from '../graph/types.js';
import { closestName } from '../util/closest.js';

/** Column names the training data used for recording ids and timestamps, when the model file says. */
export interface ColumnHints {
  group?: string;
  timestamp?: string;
}

export interface ScoringColumns {
  names: string[];
  /** Column index of each model feature, in the model's order. */
  features: number[];
  label?: number;
  group?: number;
  timestamp?: number;
}

/** A name the scoring file cannot have, standing in for an absent label column. */
const NO_LABEL = '\u0000no label';

/** The index of `wanted` in `names`, exact first, else ignoring case (as the data stage matches names). */
function findColumn(names: readonly string[], wanted: string): number | undefined {
  const exact = names.indexOf(wanted);
  if (exact >= 0) return exact;
  const lower = wanted.toLowerCase();
  const loose = names.findIndex((name) => name.toLowerCase() === lower);
  return loose >= 0 ? loose : undefined;
}

/** "'a', 'b', 'c'", shortened for wide models with hundreds of columns. */
export function listColumns(names: readonly string[]): string {
  const shown = names.length > 8 ? [...names.slice(0, 6), '...', names[names.length - 1]] : names;
  const text = shown.map((name) => (name === '...' ? name : `'${name}'`)).join(', ');
  return names.length > 8 ? `${text} (${names.length} columns)` : text;
}

export function scoringColumns(
  names: string[],
  pre: Preprocessing,
  hints: ColumnHints,
  file: string,
): ScoringColumns {
  const features = pre.featureColumns.map((wanted) => {
    const index = findColumn(names, wanted);
    if (index !== undefined) return index;
    const missing = pre.featureColumns.filter((name) => findColumn(names, name) === undefined);
    // Only a column the model does not read can be the misspelt one.
    const unused = names.filter((name) => findColumn(pre.featureColumns, name) === undefined);
    const closest = closestName(wanted, unused);
    const others = missing.length > 1 ? ` (and ${missing.length - 1} more)` : '';
    throw new EdgeforgeError(
      `column '${wanted}'${others} is missing${closest ? ` (did you mean '${closest}'?)` : ''}: the model reads ${listColumns(pre.featureColumns)}`,
      { file, place: 'header', fix: 'Score data with the columns the model was trained on' },
    );
  });
  const label = findColumn(names, pre.labelColumn);
  const present = (name: string | undefined): string | undefined =>
    name !== undefined && findColumn(names, name) !== undefined ? name : undefined;
  // The data stage's recognition of recording and timestamp columns needs a label column;
  // a file to score may have none, so a placeholder stands in for it.
  const roles = resolveColumns(
    label === undefined ? [...names, NO_LABEL] : names,
    {
      label: label === undefined ? NO_LABEL : names[label],
      features: features.map((index) => names[index]),
      group: present(hints.group),
      timestamp: present(hints.timestamp),
    },
    new Set(),
    file,
  );
  return { names, features, label, group: roles.group, timestamp: roles.timestamp };
}
