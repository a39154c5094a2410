/**
 * Training-step speed of the engine on the tutorial's model, LSTM(32, return sequences) ->
 * LSTM(16) -> Dense(1, sigmoid), windows of 64 steps x 1 channel, batches of 32:
 *   node --import tsx bench/nn-layers.ts [--seconds N]   (default 5)
 * Prints ms per training window (forward + backward from logits, no optimizer) and ms per
 * single-sample inference forward: mean wall time, mean CPU time of this process, and the
 * fastest round's CPU time (the steadiest figure on a shared machine). Budget: 1.75 ms per
 * training window.
 */
import { Sequential, type LayerSpec } from '../src/nn/index.js';
import { Random } from '../src/util/random.js';

const STEPS = 64;
const BATCH = 32;
const BUDGET_MS = 1.75;
const TUTORIAL: LayerSpec[] = [
  { type: 'lstm', units: 32, returnSequences: true },
  { type: 'lstm', units: 16 },
  { type: 'dense', units: 1, activation: 'sigmoid' },
];

function secondsArgument(): number {
  const at = process.argv.indexOf('--seconds');
  if (at < 0) return 5;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--seconds needs a positive number, not '${process.argv[at + 1] ?? ''}'`);
    process.exit(2);
  }
  return value;
}

interface Timing {
  /** Mean per run over the whole measurement, wall clock and this process's CPU time. */
  wallMs: number;
  cpuMs: number;
  /** Fastest round's CPU time per run: the code's speed with the least interference. */
  bestCpuMs: number;
  runs: number;
}

/** Runs `step` in rounds of `perRound` for about `seconds` of wall time, after `warmUp` untimed runs. */
function time(step: () => void, seconds: number, warmUp: number, perRound: number): Timing {
  for (let i = 0; i < warmUp; i++) step();
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  let runs = 0;
  let bestCpuMs = Infinity;
  while (performance.now() - wallStart < seconds * 1000) {
    const roundStart = process.cpuUsage();
    for (let i = 0; i < perRound; i++) step();
    const round = process.cpuUsage(roundStart);
    bestCpuMs = Math.min(bestCpuMs, (round.user + round.system) / 1000 / perRound);
    runs += perRound;
  }
  const cpu = process.cpuUsage(cpuStart);
  return {
    wallMs: (performance.now() - wallStart) / runs,
    cpuMs: (cpu.user + cpu.system) / 1000 / runs,
    bestCpuMs,
    runs,
  };
}

/** "1.234 ms wall, 1.200 ms cpu, best 1.100 ms cpu", each divided by `per`. */
function describe(timing: Timing, per: number): string {
  const ms = (value: number): string => `${(value / per).toFixed(3)} ms`;
  return `${ms(timing.wallMs)} wall, ${ms(timing.cpuMs)} cpu, best round ${ms(timing.bestCpuMs)} cpu`;
}

function main(): void {
  const seconds = secondsArgument();
  const random = new Random(1);
  const model = new Sequential(TUTORIAL).build([STEPS, 1], 42);
  const windows = Float32Array.from({ length: 8 * BATCH * STEPS }, () => random.normal());
  const labels = Float32Array.from({ length: 8 * BATCH }, () => random.int(2));
  const gradLogits = new Float32Array(BATCH);
  let batchIndex = 0;

  const trainingStep = (): void => {
    const offset = (batchIndex % 8) * BATCH;
    batchIndex++;
    const x = windows.subarray(offset * STEPS, (offset + BATCH) * STEPS);
    const logits = model.forward(x, BATCH, { training: true, logits: true });
    // binary cross-entropy from logits, averaged: dL/dz = (σ(z) - y) / batch
    for (let b = 0; b < BATCH; b++)
      gradLogits[b] = (1 / (1 + Math.exp(-logits[b])) - labels[offset + b]) / BATCH;
    model.backward(gradLogits, BATCH);
  };
  const training = time(trainingStep, seconds, 20, 5);

  const sample = windows.subarray(0, STEPS);
  const inference = time(() => model.forward(sample, 1), Math.max(1, seconds / 5), 200, 50);

  console.log(
    `model: ${TUTORIAL.map((spec) => spec.type).join(' -> ')}, windows [${STEPS}, 1], batch ${BATCH}`,
  );
  console.log(
    `training window (forward + backward): ${describe(training, BATCH)} ` +
      `(budget ${BUDGET_MS} ms; ${training.runs} batches)`,
  );
  console.log(`single-sample forward: ${describe(inference, 1)} (${inference.runs} runs)`);
}

main();
