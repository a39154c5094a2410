/**
 * The data stage's entry: read a CSV or Parquet file, decide what each column is, clean
 * the feature cells, and lay the rows out as samples (wide: a row is a sample; long: rows
 * are cut into windows per recording), with a report of everything that was done.
 */
import { EdgeforgeError, UsageError } from '../errors.js';
import { DropTally } from './clean/drops.js';
import { RowCleaner } from './clean/row-cleaner.js';
import type { AssembledSamples, LayoutAssembler } from './layout/assembler.js';
import { chooseLayout } from './layout/choose.js';
import { resolveColumns, type ColumnRoles } from './layout/columns.js';
import { RowIntake } from './layout/intake.js';
import { Interner } from './layout/interner.js';
import { LabelMap } from './layout/labels.js';
import { LongAssembler } from './layout/long.js';
import { findTextColumns, SNIFF_ROWS } from './layout/text-columns.js';
import { WideAssembler } from './layout/wide.js';
import { checkWindow, type WindowSpec } from './layout/window-spec.js';
import { openSource } from './read/open.js';
import type { RowSource } from './read/source.js';
import type { CleanPolicy, DataLayout, Ingested, IngestReport, WindowSet } from './types.js';

export interface IngestOptions {
  file: string;
  /** Default 'auto': long when a window is given or a timestamp column is found, else wide. */
  layout?: DataLayout | 'auto';
  /** Default: the column named label, fault_label, class or target (any case). */
  label?: string;
  /** Default: every numeric column that is not the label, ignored, the group or the timestamp. */
  features?: string[];
  ignore?: string[];
  /** Recording id column: long-layout windows never cross recordings; splits keep recordings whole. */
  group?: string;
  /** Long layout: left out of the features, kept as meta. Rows stay in file order. */
  timestamp?: string;
  window?: WindowSpec;
  /** Default { policy: 'drop' }; 'fill' uses `fill` (default 0). */
  clean?: { policy: CleanPolicy; fill?: number };
  /** Bytes of the file read so far, and its size. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Read, clean and lay out `options.file`. `data.x` may be a view into a larger reserved
 * buffer: use `x` itself (its byteOffset/length), not `x.buffer`.
 */
export async function ingest(options: IngestOptions): Promise<Ingested> {
  const { file } = options;
  if (options.window) checkWindow(options.window, file);
  const clean = { policy: options.clean?.policy ?? 'drop', fill: options.clean?.fill ?? 0 };
  if (!Number.isFinite(clean.fill)) {
    throw new UsageError(`the fill value must be a finite number, not ${clean.fill}`, {
      file,
      place: 'clean.fill',
      fix: 'Set clean.fill to a number such as 0',
    });
  }
  const source = await openSource(file, options.onProgress);
  try {
    return await ingestRows(source, options, clean);
  } finally {
    source.close();
  }
}

/** The first batches, holding at least SNIFF_ROWS rows unless the file is shorter. */
async function readHead(batches: AsyncIterator<string[][]>): Promise<string[][][]> {
  const head: string[][][] = [];
  let rows = 0;
  while (rows < SNIFF_ROWS) {
    const next = await batches.next();
    if (next.done) break;
    head.push(next.value);
    rows += next.value.length;
  }
  return head;
}

async function ingestRows(
  source: RowSource,
  options: IngestOptions,
  clean: { policy: CleanPolicy; fill: number },
): Promise<Ingested> {
  const { file } = options;
  const decimalComma = source.dialect?.decimal === ',';
  const batches = source.batches()[Symbol.asyncIterator]();
  const head = await readHead(batches);
  if (head.length === 0) {
    throw new EdgeforgeError('the file has a header but no data rows', {
      file,
      place: 'line 2',
      fix: 'Add data rows below the header',
    });
  }
  const textColumns = findTextColumns(head.flat().slice(0, SNIFF_ROWS), source.columns.length, decimalComma);
  const roles = resolveColumns(source.columns, options, textColumns, file);
  const layout = chooseLayout(options.layout ?? 'auto', options.window !== undefined, roles, file);

  const labels = new LabelMap();
  const recordings = new Interner();
  const drops = new DropTally();
  const cleaner = new RowCleaner({
    ...clean,
    featureIndices: roles.features,
    decimalComma,
    interpolateLater: layout === 'long',
  });
  // chooseLayout only returns 'long' with a window.
  const assembler: LayoutAssembler =
    layout === 'long' && options.window
      ? new LongAssembler({
          roles,
          window: options.window,
          maxRows: source.maxRows,
          labels,
          recordingNames: recordings.names,
          drops,
          file,
        })
      : new WideAssembler(roles, source.maxRows, recordings.names, file);
  const intake = new RowIntake(roles, recordings, labels, cleaner, drops, assembler);

  for (const batch of head) for (const record of batch) intake.take(record);
  for (let next = await batches.next(); !next.done; next = await batches.next()) {
    for (const record of next.value) intake.take(record);
  }
  const assembled = assembler.finish();
  if (assembled.store.count === 0) refuseAllDropped(intake.rowsRead, drops, cleaner, roles, file);

  const { classes, finalId } = labels.finish(assembled.store.labels());
  const stored = assembled.store.finish(finalId, roles.group === undefined ? undefined : recordings.names);
  const data: WindowSet = {
    ...stored,
    steps: assembled.steps,
    channels: assembled.channels,
    channelNames: assembled.channelNames,
    classes,
  };
  const report = buildReport(file, source, roles, layout, intake.rowsRead, drops, cleaner, assembled);
  return { data, report };
}

function buildReport(
  file: string,
  source: RowSource,
  roles: ColumnRoles,
  layout: DataLayout,
  rowsRead: number,
  drops: DropTally,
  cleaner: RowCleaner,
  assembled: AssembledSamples,
): IngestReport {
  const name = (index: number | undefined): string | undefined =>
    index === undefined ? undefined : roles.names[index];
  const report: IngestReport = {
    file,
    format: source.format,
    layout,
    rowsRead,
    rowsKept: rowsRead - drops.total,
    rowsDropped: drops.total,
    dropReasons: drops.reasons,
    cellsFilled: cleaner.cellsFilled,
    cellsInterpolated: cleaner.cellsInterpolated + assembled.cellsInterpolated,
    labelColumn: roles.names[roles.label],
    featureColumns: roles.features.map((index) => roles.names[index]),
    ignoredColumns: roles.ignored,
    constantColumns: assembled.profile.constantColumns,
    duplicatedColumns: assembled.profile.duplicatedColumns,
    featureStats: assembled.profile.featureStats,
  };
  if (source.dialect) Object.assign(report, source.dialect);
  if (roles.group !== undefined) report.groupColumn = name(roles.group);
  if (roles.timestamp !== undefined) report.timestampColumn = name(roles.timestamp);
  if (assembled.windows) report.windows = assembled.windows;
  return report;
}

/** No sample is left: say which reasons emptied the file and which column had the most bad cells. */
function refuseAllDropped(
  rowsRead: number,
  drops: DropTally,
  cleaner: RowCleaner,
  roles: ColumnRoles,
  file: string,
): never {
  let worst = 0;
  cleaner.badCells.forEach((count, f) => {
    if (count > cleaner.badCells[worst]) worst = f;
  });
  const culprit = cleaner.badCells[worst] > 0 ? roles.names[roles.features[worst]] : undefined;
  throw new EdgeforgeError(`cleaning dropped every one of the ${rowsRead} rows (${drops.summary()})`, {
    file,
    place: culprit ? `column '${culprit}'` : undefined,
    fix: culprit
      ? `Ignore column '${culprit}', or use the clean policy 'fill' or 'interpolate'`
      : 'Check the label and recording id columns and the clean policy',
  });
}
