import { UsageError } from '../../errors.js';
import type { DataLayout } from '../types.js';
import type { ColumnRoles } from './columns.js';

/**
 * 'auto' picks long when a window is configured or the file has a timestamp column, else
 * wide. A recording-id column alone does not decide: wide exports of pre-cut windows often
 * carry one (the CWRU windows name their source recording), and it still serves the split.
 */
export function chooseLayout(
  requested: DataLayout | 'auto',
  hasWindow: boolean,
  roles: ColumnRoles,
  file: string,
): DataLayout {
  const timestamp = roles.timestamp === undefined ? undefined : roles.names[roles.timestamp];
  const layout = requested !== 'auto' ? requested : hasWindow || timestamp !== undefined ? 'long' : 'wide';
  if (layout === 'long' && !hasWindow) {
    const why =
      requested === 'long'
        ? 'the long layout'
        : `the long layout (chosen for the timestamp column '${timestamp}')`;
    throw new UsageError(`${why} needs a window length and stride`, {
      file,
      place: 'window',
      fix: "Set window length and stride (--window 64 --stride 32), or layout 'wide' if each row is a sample",
    });
  }
  return layout;
}
