import { UsageError } from '../../errors.js';
import type { LabelRule } from '../types.js';

/** How the long layout cuts recordings: `length` rows every `stride` rows, labelled by `label`. */
export interface WindowSpec {
  length: number;
  stride: number;
  label: LabelRule;
}

/** Refuse a window that cannot cut anything: a length or stride that is not a positive whole number. */
export function checkWindow(window: WindowSpec, file: string): void {
  for (const field of ['length', 'stride'] as const) {
    const value = window[field];
    if (!Number.isInteger(value) || value <= 0) {
      throw new UsageError(`window ${field} must be a whole number of rows above 0, not ${value}`, {
        file,
        place: `window.${field}`,
        fix:
          field === 'length'
            ? 'Set a window length such as 64'
            : 'Set a stride such as half the window length',
      });
    }
  }
  if (window.label !== 'last' && window.label !== 'majority') {
    throw new UsageError(`window label rule must be 'last' or 'majority', not '${String(window.label)}'`, {
      file,
      place: 'window.label',
      fix: "Use 'last' (the label of the window's last row) or 'majority'",
    });
  }
}
