import type { z } from 'zod';
import { closestName } from '../util/closest.js';

type Issue = z.core.$ZodIssue;

/** "data.split.test" from a zod path. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
    .join('.')
    .replace(/\.\[/g, '[');
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function range(issue: Issue): string {
  if (issue.code === 'too_small') {
    const what =
      issue.origin === 'array'
        ? 'a list with at least'
        : issue.origin === 'string'
          ? 'text of at least'
          : 'a value';
    const unit = issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : '';
    const op = issue.origin === 'array' || issue.origin === 'string' ? '' : issue.inclusive ? '>= ' : '> ';
    return `${what} ${op}${issue.minimum}${unit}`;
  }
  if (issue.code === 'too_big') {
    const op = issue.inclusive ? '<= ' : '< ';
    return `a value ${op}${issue.maximum}`;
  }
  return '';
}

/**
 * One sentence per zod issue, naming the field, the bad value and what is allowed.
 * `allowedKeys` lists an object's known fields, for unknown-field errors.
 */
export function describeIssue(issue: Issue, allowedKeys: (path: readonly PropertyKey[]) => string[]): string {
  const field = fieldName(issue.path) || '(top level)';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(issue.path);
      const key = issue.keys[0] ?? '';
      const suggestion = closestName(key, allowed);
      const where = issue.path.length ? `${field}.${key}` : key;
      return `unknown field ${where}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; allowed fields: ${allowed.join(', ')}`;
    }
    case 'invalid_value':
      return `field ${field}: got ${show(issue.input)}; allowed values: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_type':
      return `field ${field}: got ${show(issue.input)}; expected ${issue.expected === 'int' ? 'a whole number' : withArticle(issue.expected)}`;
    case 'too_small':
    case 'too_big':
      return `field ${field}: got ${show(issue.input)}; allowed: ${range(issue)}`;
    case 'custom':
      return `field ${field}: ${issue.message}`;
    default:
      return `field ${field}: got ${show(issue.input)}; ${issue.message}`;
  }
}
