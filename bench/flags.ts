/** Benchmark command-line flags: `--name value`, or the fallback when the flag is absent. */
export function textFlag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : (process.argv[at + 1] ?? fallback);
}

export function numberFlag(name: string, fallback: number): number {
  return Number(textFlag(name, String(fallback)));
}
