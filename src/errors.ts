/**
 * Errors a user can act on. Every one renders as a single line naming the file,
 * the place in it, what is wrong and what to do, and carries the CLI exit code.
 */
export interface ErrorLocation {
  /** File the problem is in, as the user named it. */
  file?: string;
  /** Place inside the file: "row 12", "column 'speed'", "field data.split.test". */
  place?: string;
}

export class EdgeforgeError extends Error {
  readonly file: string | undefined;
  readonly place: string | undefined;
  readonly fix: string | undefined;
  /** 1 = the command failed on its input; 2 = the command was called wrongly. */
  readonly exitCode: 1 | 2;

  constructor(problem: string, options: ErrorLocation & { fix?: string; exitCode?: 1 | 2 } = {}) {
    super(problem);
    this.name = 'EdgeforgeError';
    this.file = options.file;
    this.place = options.place;
    this.fix = options.fix;
    this.exitCode = options.exitCode ?? 1;
  }

  /** "data.csv: row 12: ragged row with 5 cells, the header has 6. Fix the row or delete it." */
  oneLine(): string {
    const where = [this.file, this.place].filter((part) => part !== undefined && part !== '').join(': ');
    const sentences = [this.message, this.fix].filter((part): part is string => Boolean(part));
    const text = sentences.map((part) => part.replace(/\.$/, '')).join('. ');
    return `${where ? `${where}: ` : ''}${text}.`;
  }
}

/** The command was called wrongly (bad flag value, missing argument): exit code 2. */
export class UsageError extends EdgeforgeError {
  constructor(problem: string, options: ErrorLocation & { fix?: string } = {}) {
    super(problem, { ...options, exitCode: 2 });
    this.name = 'UsageError';
  }
}
