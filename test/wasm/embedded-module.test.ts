/** The .wasm embedded in src/runtime/wasm is a fresh compile of assembly/ (not a stale copy). */
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('the embedded .wasm is a fresh compile of assembly/packed-matvec.ts', () => {
  const build = fileURLToPath(new URL('../../assembly/build.mjs', import.meta.url));
  // Exits non-zero (and so throws here) when the generated module differs from the compile.
  execFileSync(process.execPath, [build, '--check'], { encoding: 'utf8' });
});
