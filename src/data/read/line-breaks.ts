import { createReadStream } from 'node:fs';

const LF = 10;
const CR = 13;

/**
 * Line breaks in `file`: an upper bound on its data rows (the header line has one too, a last
 * line without a break does not). Files with old Mac line ends (CR only) are counted by CR.
 * A plain byte scan, far faster than parsing, so the layouts can size their output up front.
 */
export async function countLineBreaks(file: string, firstChunk: Uint8Array): Promise<number> {
  const lineBreak = firstChunk.includes(LF) || !firstChunk.includes(CR) ? LF : CR;
  let count = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let i = bytes.indexOf(lineBreak); i !== -1; i = bytes.indexOf(lineBreak, i + 1)) count++;
  }
  return count;
}
