/**
 * C99 literals and declarations: exact float and double constants, integer arrays that stay
 * valid C for every value (INT32_MIN has no literal of its own), wrapped lines.
 */
import type { DType, TensorData } from '../../graph/types.js';

export const C_TYPE: Record<DType, string> = {
  float32: 'float',
  int8: 'int8_t',
  int16: 'int16_t',
  int32: 'int32_t',
  uint8: 'uint8_t',
  /** IEEE half bits; no kernel computes on them (DEQUANTIZE to float32 first). */
  float16: 'uint16_t',
};

/** A float constant that reads back as exactly this float32 (9 significant digits suffice). */
export function cFloat(value: number): string {
  return `${cNumber(Math.fround(value), 9)}f`;
}

/** A double constant that reads back as exactly this number. */
export function cDouble(value: number): string {
  return cNumber(value, 17);
}

function cNumber(value: number, digits: number): string {
  if (Number.isNaN(value)) return '(0.0 / 0.0)';
  if (!Number.isFinite(value)) return value > 0 ? '(1.0 / 0.0)' : '(-1.0 / 0.0)';
  const text = value.toPrecision(digits);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** An integer literal; INT32_MIN is written as an expression, as C has no literal for it. */
function cInt(value: number): string {
  return value === -0x80000000 ? '(-2147483647 - 1)' : String(value);
}

/** Array element text: exact floats for float32, integer literals otherwise. */
function elements(data: TensorData | readonly number[], dtype: DType): string[] {
  const values = Array.from(data);
  return dtype === 'float32' ? values.map(cFloat) : values.map(cInt);
}

/** Comma-separated values wrapped at about 100 columns, indented by two spaces. */
function wrapValues(values: readonly string[]): string {
  const lines: string[] = [];
  let line = '';
  for (const value of values) {
    const piece = `${value},`;
    if (line.length > 0 && line.length + piece.length + 1 > 100) {
      lines.push(line);
      line = '';
    }
    line += line.length === 0 ? piece : ` ${piece}`;
  }
  if (line.length > 0) lines.push(line);
  return lines.map((text) => `  ${text}`).join('\n');
}

/**
 * `static const <type> <name>[n] = {...};` (one dummy element for an empty array, which C
 * forbids). `cType` overrides the element type (e.g. uint16_t for values that fit).
 */
export function constArray(
  name: string,
  dtype: DType,
  data: TensorData | readonly number[],
  comment?: string,
  cType = C_TYPE[dtype],
): string {
  return declaration(name, cType, elements(data, dtype), comment);
}

/** A constant array of doubles, each exact. */
export function constDoubles(name: string, values: readonly number[], comment?: string): string {
  return declaration(name, 'double', values.map(cDouble), comment);
}

function declaration(name: string, cType: string, values: string[], comment: string | undefined): string {
  const body = values.length === 0 ? ['0'] : values;
  const note = comment === undefined ? '' : `/* ${cComment(comment)} */\n`;
  return `${note}static const ${cType} ${name}[${body.length}] = {\n${wrapValues(body)}\n};`;
}

/** Text safe inside a C string literal or comment. */
export function cString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?')}"`;
}

export function cComment(text: string): string {
  return text.replace(/\*\//g, '* /').replace(/[^\x20-\x7e]/g, '?');
}

/** Indents every non-empty line by `spaces`. */
export function indent(text: string, spaces = 2): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? pad + line : line))
    .join('\n');
}
