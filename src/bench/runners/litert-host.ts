/**
 * Loads LiteRT.js (a browser library, WebAssembly build) in Node: its loader evaluates scripts
 * in the global scope and fetches its .wasm, so those two are served from the package folder.
 * Changes globals: only for a runner's own child process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { UnsupportedVariant } from './context.js';

export type LiteRtModule = typeof import('@litertjs/core');

const require = createRequire(import.meta.url);

function wasmFolder(): string {
  try {
    return join(dirname(require.resolve('@litertjs/core/package.json')), 'wasm') + '/';
  } catch {
    throw new UnsupportedVariant('@litertjs/core is not installed (npm install @litertjs/core)');
  }
}

function shimBrowserHost(folder: string): void {
  const host = globalThis as Record<string, unknown>;
  const pathOf = (url: unknown): string =>
    String(url).startsWith('file:') ? fileURLToPath(String(url)) : String(url);
  host.self = globalThis;
  host.require = require;
  host.__dirname = folder;
  host.importScripts = (url: unknown) =>
    vm.runInThisContext(readFileSync(pathOf(url), 'utf8'), { filename: pathOf(url) });
  const networkFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const path = pathOf(input instanceof Request ? input.url : input);
    if (!path.startsWith('/')) return networkFetch(input, init);
    return new Response(readFileSync(path), { headers: { 'Content-Type': 'application/wasm' } });
  };
}

let loaded: Promise<LiteRtModule> | undefined;

export function loadLiteRtInNode(): Promise<LiteRtModule> {
  loaded ??= (async () => {
    const folder = wasmFolder();
    shimBrowserHost(folder);
    const liteRt = await import('@litertjs/core');
    await liteRt.loadLiteRt(folder);
    return liteRt;
  })();
  return loaded;
}
