/** The .wasm modules embedded in src/runtime/wasm/generated are fresh compiles of assembly/ (not stale copies). */
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('every embedded .wasm is a fresh compile of its assembly/ entry', () => {
  const build = fileURLToPath(new URL('../../assembly/build.mjs', import.meta.url));
  // Exits non-zero (and so throws here) when a generated module differs from the compile.
  execFileSync(process.execPath, [build, '--check'], { encoding: 'utf8' });
});
