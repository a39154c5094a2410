/** invoke() allocates nothing: each preset and a model of the remaining ops, no collection and no heap growth. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('invocations allocate nothing', () => {
  const probe = fileURLToPath(new URL('./allocation-probe.ts', import.meta.url));
  const output = execFileSync(process.execPath, ['--expose-gc', '--trace-gc', '--import', 'tsx', probe], {
    encoding: 'utf8',
  });
  // --trace-gc prints one line per collection, prefixed by the isolate; the explicit gc() calls
  // ("testing") name the main one (tsx runs its loader in another).
  const main = /^\[\d+:(0x[0-9a-f]+)\].*testing/m.exec(output)?.[1];
  assert.ok(main !== undefined, output);
  const rounds = [...output.matchAll(/^START (.+)\n([\s\S]*?)^END \1 growth (-?\d+)$/gm)];
  assert.equal(rounds.length, 7 * 3, output);
  const leastGrowth = new Map<string, number>();
  for (const [, name, between, growth] of rounds) {
    const collections: string[] = between.split('\n').filter((line) => line.includes(`:${main}]`));
    assert.deepEqual(collections, [], `${name}: collections during the loop`);
    leastGrowth.set(name, Math.min(leastGrowth.get(name) ?? Infinity, Number(growth)));
  }
  for (const [name, growth] of leastGrowth) {
    // One 16-byte heap number per invoke would add 64 kB to every round.
    assert.ok(growth < 16_384, `${name}: the heap grew by at least ${growth} bytes in every round`);
  }
});
