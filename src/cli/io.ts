/** Where a command writes: injectable so tests run the CLI in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Progress bars only on an interactive terminal. */
  interactive: boolean;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
};

/** Print a result: JSON when asked, else the human text. */
export function printResult(io: CliIo, json: boolean, value: unknown, human: () => string): void {
  io.out(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}
