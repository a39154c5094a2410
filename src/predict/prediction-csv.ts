/**
 * The predictions file: one row per scored window. Columns: index; where the window came
 * from (wide: row; long: start_row, and recording / timestamp when the file has them); the
 * true label when the file has one; then p_<class> per class and predicted (classifiers),
 * or error and anomaly (autoencoders: reconstruction error, 1 when above the threshold).
 */
import type { ScoringColumns } from './columns.js';
import { float32Text } from './float-text.js';
import type { PredictionModel } from './model-source.js';
import type { Predictor } from './predictor.js';
import type { SampleOrigin } from './samples.js';

/** RFC 4180: quote a cell holding a comma, quote or line break, doubling its quotes. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export class PredictionCsv {
  private readonly hasRecording: boolean;
  private readonly hasTime: boolean;
  private readonly hasLabel: boolean;

  constructor(
    private readonly model: PredictionModel,
    columns: ScoringColumns,
  ) {
    this.hasRecording = columns.group !== undefined;
    this.hasTime = columns.timestamp !== undefined;
    this.hasLabel = columns.label !== undefined;
  }

  header(): string {
    const long = this.model.pre.layout === 'long';
    const cells = ['index', long ? 'start_row' : 'row'];
    if (this.hasRecording) cells.push('recording');
    if (this.hasTime) cells.push(long ? 'start_time' : 'timestamp');
    if (this.hasLabel) cells.push('label');
    if (this.model.task === 'autoencoder') cells.push('error', 'anomaly');
    else cells.push(...this.model.classes.map((name) => `p_${name}`), 'predicted');
    return `${cells.map(csvCell).join(',')}\n`;
  }

  /** The row of the window in the predictor's `slot`, the `index`-th scored. */
  row(index: number, origin: SampleOrigin, predictor: Predictor, slot: number): string {
    const cells = [String(index), String(origin.row)];
    if (this.hasRecording) cells.push(origin.recording ?? '');
    if (this.hasTime) cells.push(origin.time ?? '');
    if (this.hasLabel) cells.push(origin.label ?? '');
    if (this.model.task === 'autoencoder') {
      cells.push(float32Text(predictor.reconstructionError(slot)), String(predictor.predicted(slot)));
    } else {
      for (let k = 0; k < this.model.classes.length; k++)
        cells.push(float32Text(predictor.probability(slot, k)));
      cells.push(this.model.classes[predictor.predicted(slot)]);
    }
    return `${cells.map(csvCell).join(',')}\n`;
  }
}
