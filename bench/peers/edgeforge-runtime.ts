/**
 * The edgeforge side of bench/runtime.ts, in its own process so its memory is the runtime's
 * alone: it imports only `edgeforge/runtime` (no training, data or CLI code). Loads a .efg
 * graph, then measures single-window latency, batch-64 throughput, the heap before and after
 * 10,000 inferences (run with --expose-gc), the outputs for the check windows, and its RSS.
 *   node --expose-gc dist-bench/bench/peers/edgeforge-runtime.js <graph.efg> <check.bin> <runs>
 */
import { readFileSync } from 'node:fs';
import { decodeGraph, Interpreter } from '../../src/runtime/index.js';
import { latencyStats, throughput } from './timing.js';

const [graphFile = 'model.efg', checkFile = 'check.bin', runsArg = '1000'] = process.argv.slice(2);
const graph = decodeGraph(readFileSync(graphFile), graphFile);
const checkBytes = readFileSync(checkFile);
const check = new Float32Array(checkBytes.buffer, checkBytes.byteOffset, checkBytes.byteLength / 4).slice();
const BATCH = 64;

// Single-window latency first, in a process that has built only this interpreter: as a device
// that scores one window at a time runs it (V8's inline caches then see one set of arrays).
const single = new Interpreter(graph, { batch: 1 });
const sampleSize = single.input(0).length;
const checkCount = check.length / sampleSize;

/** One inference; invoke() starts recurrent state from zero, as independent windows need. */
const infer = (interpreter: Interpreter): void => interpreter.invoke();

const singleInput = single.input(0);
const firstWindow = check.subarray(0, sampleSize);
const latency = latencyStats(() => {
  singleInput.set(firstWindow);
  infer(single);
}, Number(runsArg));

// The check windows' outputs, batch by batch through the batch interpreter.
const batched = new Interpreter(graph, { batch: BATCH });
const outputs: number[] = [];
for (let from = 0; from < checkCount; from += BATCH) {
  const count = Math.min(BATCH, checkCount - from);
  batched.input(0).set(check.subarray(from * sampleSize, (from + count) * sampleSize));
  infer(batched);
  outputs.push(...batched.output(0).subarray(0, (count * batched.output(0).length) / BATCH));
}

batched.input(0).set(check.subarray(0, Math.min(checkCount, BATCH) * sampleSize));
const rate = throughput(() => infer(batched), BATCH);

// An allocation-free loop leaves the heap as it found it. The loop runs once untimed first:
// its first pass through the JIT tiers allocates code and feedback, not the inference.
const gc = (globalThis as { gc?: () => void }).gc;
const HEAP_RUNS = 10_000;
const heapLoop = (): void => {
  for (let i = 0; i < HEAP_RUNS; i++) single.invoke();
};
heapLoop();
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
heapLoop();
const heapAfter = process.memoryUsage().heapUsed;

console.log(
  JSON.stringify({
    outputs,
    arenaBytes: single.arenaBytes,
    single: latency,
    batch: rate,
    heap: { gcExposed: gc !== undefined, before: heapBefore, after: heapAfter, runs: HEAP_RUNS },
    rssBytes: process.memoryUsage().rss,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
