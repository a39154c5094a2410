/** invoke() on int8 kernels allocates nothing: a chain through every int8 kernel, 20,000 invocations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('20,000 invocations through every int8 kernel allocate nothing', () => {
  const probe = fileURLToPath(new URL('./int8-allocation-probe.ts', import.meta.url));
  const output = execFileSync(process.execPath, ['--expose-gc', '--trace-gc', '--import', 'tsx', probe], {
    encoding: 'utf8',
  });
  const run = /^START\n([\s\S]*?)^END growth (-?\d+) ops (\d+)$/m.exec(output);
  assert.ok(run !== null, output);
  const [, between, growth, ops] = run;
  assert.equal(Number(ops), 22);
  // --trace-gc prints one line per collection (Scavenge, Mark-Compact, ...).
  const collections = between
    .split('\n')
    .filter((line) => /Scavenge|Mark-Compact|Mark-Sweep|Minor/.test(line));
  assert.deepEqual(collections, []);
  // 8 bytes per invoke would add 160 kB; what remains is V8's own bookkeeping (tens of kB).
  assert.ok(Number(growth) < 160_000, `the heap grew by ${growth} bytes`);
});
