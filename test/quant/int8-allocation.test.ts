/** invoke() on int8 kernels allocates nothing: a chain through every int8 kernel, 20,000 invocations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const probe = fileURLToPath(new URL('./int8-allocation-probe.ts', import.meta.url));
/** A late deoptimisation by V8 can box numbers for a moment in one run; an allocating kernel fails every run. */
const ATTEMPTS = 3;

interface ProbeRun {
  ops: number;
  growth: number;
  /** Collections during the measured loop (the probe's own gc() call is marked "testing"). */
  collections: string[];
}

function probeOnce(): ProbeRun {
  const output = execFileSync(process.execPath, ['--expose-gc', '--trace-gc', '--import', 'tsx', probe], {
    encoding: 'utf8',
  });
  const run = /^START\n([\s\S]*?)^END growth (-?\d+) ops (\d+)$/m.exec(output);
  assert.ok(run !== null, output);
  const [, between, growth, ops] = run;
  const collections = between
    .split('\n')
    .filter((line) => /Scavenge|Mark-Compact|Mark-Sweep|Minor/.test(line) && !/testing/.test(line));
  return { ops: Number(ops), growth: Number(growth), collections };
}

test('20,000 invocations through every int8 kernel allocate nothing', () => {
  const runs: ProbeRun[] = [];
  // 8 bytes per invoke would add 160 kB; what remains is V8's own bookkeeping (a few hundred bytes).
  const clean = (run: ProbeRun): boolean => run.collections.length === 0 && run.growth < 160_000;
  while (runs.length < ATTEMPTS && !runs.some(clean)) runs.push(probeOnce());
  assert.equal(runs[0]!.ops, 22);
  assert.ok(runs.some(clean), `every run allocated: ${JSON.stringify(runs)}`);
});
