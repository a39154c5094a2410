import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readTflite } from '../../src/export/tflite/read/read-tflite.js';
import { EdgeforgeError } from '../../src/errors.js';
import { Random } from '../../src/util/random.js';
import { REFERENCE_DIR } from './reference-cases.js';

const MUTATIONS_PER_FILE = 300;
const HUGE_WORDS = [0x7fffffff, 0xffffffff, 0x80000000, 0x40000000, 0x0000ffff];

/** A damaged copy: cut at a random length, a few random bytes changed, or a 4-byte word made huge. */
function mutate(original: Uint8Array, random: Random): { bytes: Uint8Array; how: string } {
  const kind = random.int(3);
  if (kind === 0) {
    const length = random.int(original.length);
    return { bytes: original.slice(0, length), how: `truncated to ${length}` };
  }
  const bytes = original.slice();
  if (kind === 1) {
    const changes = 1 + random.int(8);
    const places: number[] = [];
    for (let i = 0; i < changes; i++) {
      const at = random.int(bytes.length);
      bytes[at] = random.int(256);
      places.push(at);
    }
    return { bytes, how: `bytes changed at ${places.join(', ')}` };
  }
  // Words at 4-byte boundaries are where flatbuffers keep offsets, counts and int fields.
  const at = 4 * random.int(Math.floor(bytes.length / 4));
  const word = HUGE_WORDS[random.int(HUGE_WORDS.length)]!;
  new DataView(bytes.buffer).setUint32(at, word, true);
  return { bytes, how: `word at ${at} set to 0x${word.toString(16)}` };
}

const files = readdirSync(REFERENCE_DIR).filter((name) => name.endsWith('.tflite'));

test('the reference set holds five models to mutate', () => {
  assert.equal(files.length, 5);
});

for (const [fileIndex, name] of files.entries()) {
  test(`mutated ${name}: a graph or an EdgeforgeError, each within a second`, () => {
    // A plain copy: Buffer.slice would share memory and let mutations pile up.
    const original = new Uint8Array(readFileSync(REFERENCE_DIR + name));
    const random = new Random(1000 + fileIndex);
    let rejected = 0;
    for (let i = 0; i < MUTATIONS_PER_FILE; i++) {
      const { bytes, how } = mutate(original, random);
      const started = performance.now();
      try {
        const graph = readTflite(bytes, name);
        assert.ok(graph.ops.length > 0, how);
      } catch (error) {
        if (!(error instanceof EdgeforgeError)) {
          assert.fail(`${name}, ${how}: ${error instanceof Error ? error.stack : String(error)}`);
        }
        assert.equal(error.file, name, how);
        rejected++;
      }
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1000, `${name}, ${how}: ${elapsed.toFixed(0)} ms`);
    }
    // Most damage is detected (the rest hits data bytes: weights that are still weights).
    assert.ok(rejected > MUTATIONS_PER_FILE / 3, `${rejected} rejected`);
  });
}
