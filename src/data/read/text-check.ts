import { isUtf8 } from 'node:buffer';
import { EdgeforgeError } from '../../errors.js';

/** Bytes a UTF-8 sequence starting with `lead` has, 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** `chunk` without a multi-byte character the chunk boundary cut in half. */
function withoutCutCharacter(chunk: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = sequenceLength(byte);
    return needed > back ? chunk.subarray(0, chunk.length - back) : chunk;
  }
  return chunk;
}

function lineOfOffset(chunk: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (chunk[i] === 10) line++;
  return line;
}

/**
 * Refuse a file that is not UTF-8 text, judged on its first chunk: a binary file shows NUL
 * bytes, a UTF-16 export starts with its byte-order mark, a Latin-1 export has bytes that
 * are invalid UTF-8. `complete` says the chunk is the whole file (no character cut at its end).
 */
export function assertUtf8Text(chunk: Uint8Array, complete: boolean, file: string): void {
  if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
    throw new EdgeforgeError('the file is UTF-16 text, not UTF-8', {
      file,
      place: 'line 1',
      fix: 'Save it again as UTF-8 (in Excel: "CSV UTF-8")',
    });
  }
  const nul = chunk.indexOf(0);
  if (nul >= 0) {
    throw new EdgeforgeError(`the file is binary, not CSV text (a NUL byte at byte ${nul})`, {
      file,
      place: `line ${lineOfOffset(chunk, nul)}`,
      fix: 'Pass a CSV/TSV text file or a .parquet file',
    });
  }
  const text = complete ? chunk : withoutCutCharacter(chunk);
  if (isUtf8(text)) return;
  // The decoder marks the first invalid byte with U+FFFD; count the lines before it.
  const decoded = new TextDecoder('utf-8').decode(text);
  const line = decoded.slice(0, Math.max(0, decoded.indexOf('\uFFFD'))).split('\n').length;
  throw new EdgeforgeError('the file is not valid UTF-8 text (probably Latin-1 or Windows-1252)', {
    file,
    place: `line ${line}`,
    fix: 'Save it again as UTF-8',
  });
}
