import { InvalidArgumentError } from 'commander';

/** Option parsers: a bad flag value is a usage error (exit code 2) that says what is allowed. */
export function integer(min: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min)
      throw new InvalidArgumentError(`expected a whole number >= ${min}, got '${value}'.`);
    return parsed;
  };
}

export function fraction(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1)
    throw new InvalidArgumentError(`expected a number from 0 to 1, got '${value}'.`);
  return parsed;
}

export function choice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, got '${value}'.`);
    }
    return value as T;
  };
}

/** "a,b, c" -> ['a', 'b', 'c'] */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
