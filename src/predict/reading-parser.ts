/**
 * One line of a live sensor stream -> the model's feature values. A line holds the values
 * in the model's column order (optionally after a timestamp), separated by commas,
 * semicolons (then a decimal comma is allowed), tabs or spaces; or, as the first line, a
 * header naming the columns, after which values are taken by name and other columns
 * (a label, ids) are ignored.
 */
import { parseNumber } from '../data/read/number.js';
import { normalizeHeader } from '../data/read/header.js';
import { EdgeforgeError } from '../errors.js';
import type { Preprocessing } from '../graph/types.js';
import { listColumns, scoringColumns, type ColumnHints, type ScoringColumns } from './columns.js';

export type ParsedLine =
  | { kind: 'blank' | 'header' }
  /** `values` is reused by the next line: copy what you keep. */
  | { kind: 'reading'; values: Float32Array; timestamp: string | undefined }
  | { kind: 'malformed'; problem: EdgeforgeError };

interface Fields {
  cells: string[];
  decimalComma: boolean;
}

/** The line's cells, split on its delimiter: ';' (decimal comma land), ',', tab, else runs of spaces. */
function splitLine(line: string): Fields {
  const unquote = (cell: string): string => cell.trim().replace(/^"(.*)"$/, '$1');
  for (const delimiter of [';', ',', '\t']) {
    if (line.includes(delimiter)) {
      return { cells: line.split(delimiter).map(unquote), decimalComma: delimiter === ';' };
    }
  }
  return { cells: line.trim().split(/ +/).map(unquote), decimalComma: false };
}

const count = (values: number): string => `${values} value${values === 1 ? '' : 's'}`;

export class ReadingParser {
  private readonly values: Float32Array;
  /** Set by a header line: where each feature and the timestamp are. */
  private columns: ScoringColumns | undefined;
  private sawContent = false;

  constructor(
    private readonly pre: Preprocessing,
    private readonly hints: ColumnHints,
    /** The input's name in messages ('stdin' or the file). */
    private readonly source: string,
  ) {
    this.values = new Float32Array(pre.featureColumns.length);
  }

  /**
   * Reads one line; a malformed line is returned as such (the stream goes on), but a header
   * that lacks a model column throws, since no later line could be read either.
   */
  parse(line: string, lineNumber: number): ParsedLine {
    if (line.trim() === '') return { kind: 'blank' };
    const fields = splitLine(line);
    const first = !this.sawContent;
    this.sawContent = true;
    if (first && fields.cells.every((cell) => Number.isNaN(parseNumber(cell, fields.decimalComma)))) {
      const names = normalizeHeader(fields.cells, this.source);
      this.columns = scoringColumns(names, this.pre, this.hints, this.source);
      return { kind: 'header' };
    }
    const problem = this.columns ? this.readNamed(fields) : this.readPositional(fields);
    if (problem === undefined)
      return { kind: 'reading', values: this.values, timestamp: this.timestamp(fields) };
    return {
      kind: 'malformed',
      problem: new EdgeforgeError(problem, { file: this.source, place: `line ${lineNumber}` }),
    };
  }

  private timestamp(fields: Fields): string | undefined {
    if (this.columns)
      return this.columns.timestamp === undefined ? undefined : fields.cells[this.columns.timestamp];
    return fields.cells.length > this.values.length ? fields.cells[0] : undefined;
  }

  /** After a header: the cells by column; returns what is wrong, if anything. */
  private readNamed(fields: Fields): string | undefined {
    const { names, features } = this.columns!;
    if (fields.cells.length !== names.length) {
      return `${count(fields.cells.length)}, but the header names ${names.length} columns`;
    }
    return this.readValues(fields, features, (f) => `column '${names[features[f]]}'`);
  }

  /** Without a header: the model's columns in order, optionally after a timestamp. */
  private readPositional(fields: Fields): string | undefined {
    const wanted = this.values.length;
    const skip = fields.cells.length - wanted;
    if (skip !== 0 && skip !== 1) {
      return `${count(fields.cells.length)}, expected ${wanted} (${listColumns(this.pre.featureColumns)}), optionally after a timestamp`;
    }
    return this.readValues(
      fields,
      this.pre.featureColumns.map((_, f) => f + skip),
      (f) => `column '${this.pre.featureColumns[f]}'`,
    );
  }

  private readValues(
    fields: Fields,
    cellOf: number[],
    name: (feature: number) => string,
  ): string | undefined {
    for (let f = 0; f < cellOf.length; f++) {
      const cell = fields.cells[cellOf[f]];
      const value = parseNumber(cell, fields.decimalComma);
      if (!Number.isFinite(value)) return `'${cell}' in ${name(f)} is not a finite number`;
      this.values[f] = value;
    }
    return undefined;
  }
}
