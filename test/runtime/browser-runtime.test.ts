/**
 * The edgeforge/runtime browser bundle in headless Chromium: it loads its WebAssembly SIMD
 * kernels synchronously there (no fetch), runs them, and gives the outputs the runtime gives
 * in Node — float32 within 1e-6 relative, int8 bit for bit.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { encodeGraph } from '../../src/graph/format.js';
import type { Graph } from '../../src/graph/types.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import { inputWindows, presetGraphs, runtimeOutputs } from '../export-c/reference-runs.js';

const RUNTIME_ENTRY = fileURLToPath(new URL('../../src/runtime/index.ts', import.meta.url));

interface BrowserRun {
  outputs: number[][];
  implementations: string[];
  errors: string[];
}

let browser: Browser;
let page: Page;

before(async () => {
  const bundle = await build({
    entryPoints: [RUNTIME_ENTRY],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'edgeforgeRuntime',
    write: false,
    logLevel: 'silent',
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>edgeforge runtime</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
});

after(async () => {
  await browser?.close();
});

/** Decodes the graph in the page, runs each window through one batch-1 interpreter, returns outputs. */
async function runInBrowser(graph: Graph, windows: number[][]): Promise<BrowserRun> {
  return page.evaluate(
    ({ bytes, windows }) => {
      const runtime = (
        globalThis as unknown as { edgeforgeRuntime: typeof import('../../src/runtime/index.js') }
      ).edgeforgeRuntime;
      const errors: string[] = [];
      try {
        const interpreter = new runtime.Interpreter(runtime.decodeGraph(Uint8Array.from(bytes)));
        const outputs = windows.map((window) => {
          interpreter.inputData().set(window);
          interpreter.invoke();
          return Array.from(interpreter.outputData());
        });
        return { outputs, implementations: interpreter.kernelImplementations(), errors };
      } catch (error) {
        errors.push(String(error));
        return { outputs: [], implementations: [], errors };
      }
    },
    { bytes: Array.from(encodeGraph(graph)), windows },
  );
}

function wasmOps(graph: Graph): number {
  return new Interpreter(graph).kernelImplementations().filter((kind) => kind === 'webassembly').length;
}

for (const preset of ['lstm-tutorial', 'cnn1d-small'] as const) {
  test(`${preset}: float32 in Chromium on WebAssembly kernels equals Node within 1e-6 relative`, async () => {
    const graph = presetGraphs(preset).float;
    const windows = inputWindows(graph, 4, 21);
    const run = await runInBrowser(graph, windows);
    assert.deepEqual(run.errors, []);
    const expected = runtimeOutputs(graph, windows);
    run.outputs.forEach((output, w) =>
      output.forEach((value, i) =>
        assert.ok(
          Math.abs(value - expected[w][i]) <= 1e-6 * Math.max(1, Math.abs(expected[w][i])),
          `window ${w} output ${i}: browser ${value}, Node ${expected[w][i]}`,
        ),
      ),
    );
    const inBrowser = run.implementations.filter((kind) => kind === 'webassembly').length;
    assert.ok(inBrowser > 0, 'some ops run on WebAssembly in the browser');
    assert.equal(inBrowser, wasmOps(graph), 'the browser runs the same ops on WebAssembly as Node');
  });

  test(`${preset}: int8 in Chromium equals Node bit for bit`, async () => {
    const graph = presetGraphs(preset).int8('int8');
    const windows = inputWindows(graph, 4, 22);
    const run = await runInBrowser(graph, windows);
    assert.deepEqual(run.errors, []);
    assert.deepEqual(run.outputs, runtimeOutputs(graph, windows));
    assert.ok(run.implementations.includes('webassembly'), 'some int8 ops run on WebAssembly in the browser');
    assert.deepEqual(run.implementations, new Interpreter(graph).kernelImplementations());
  });
}
