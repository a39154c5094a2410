import type { DropTally } from '../clean/drops.js';
import type { RowCleaner } from '../clean/row-cleaner.js';
import type { LayoutAssembler } from './assembler.js';
import type { ColumnRoles } from './columns.js';
import type { Interner } from './interner.js';
import type { LabelMap } from './labels.js';

/**
 * The per-row path shared by both layouts: a row without a label or recording id is dropped,
 * the cleaner turns its feature cells into numbers (or drops it), and the layout gets the rest.
 */
export class RowIntake {
  rowsRead = 0;
  private readonly values: Float64Array;

  /** `recordings` gets the recording names by id; one unnamed recording when there is no group column. */
  constructor(
    private readonly roles: ColumnRoles,
    private readonly recordings: Interner,
    private readonly labels: LabelMap,
    private readonly cleaner: RowCleaner,
    private readonly drops: DropTally,
    private readonly assembler: LayoutAssembler,
  ) {
    this.values = new Float64Array(roles.features.length);
    if (roles.group === undefined) this.recordings.id('');
  }

  take(record: readonly string[]): void {
    this.rowsRead++;
    const label = record[this.roles.label].trim();
    if (label === '') {
      this.drops.add('missing label');
      return;
    }
    let recording = 0;
    if (this.roles.group !== undefined) {
      const name = record[this.roles.group].trim();
      if (name === '') {
        this.drops.add('missing recording id');
        return;
      }
      recording = this.recordings.id(name);
    }
    const dropReason = this.cleaner.clean(record, this.values);
    if (dropReason !== undefined) {
      this.drops.add(dropReason);
      return;
    }
    this.assembler.add(this.values, this.labels.id(label), recording, record);
  }
}
