import { EdgeforgeError } from '../../errors.js';

/**
 * Column names as the rest of the stage uses them: trimmed (exports often write "a, b"),
 * an empty name (the index column pandas writes) named "Unnamed: i" as pandas reads it back.
 * Two columns with one name would make every option naming it ambiguous, so that is an error.
 */
export function normalizeHeader(cells: readonly string[], file: string): string[] {
  const names = cells.map((cell, i) => {
    const name = cell.trim();
    return name === '' ? `Unnamed: ${i}` : name;
  });
  const firstIndex = new Map<string, number>();
  names.forEach((name, i) => {
    const earlier = firstIndex.get(name);
    if (earlier !== undefined) {
      throw new EdgeforgeError(`column '${name}' appears twice (columns ${earlier + 1} and ${i + 1})`, {
        file,
        place: 'header',
        fix: 'Rename one of the two columns',
      });
    }
    firstIndex.set(name, i);
  });
  return names;
}
