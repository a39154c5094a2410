import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, adviseAll, DEVICES, type AdviceOption, type McuDevice } from '../../src/advise/index.js';
import { findDevice } from '../../src/advise/find-device.js';
import { fixtureResults } from './fixture.js';

const f407 = findDevice('stm32f407');
const option = (options: AdviceOption[], variant: string, runtime: string): AdviceOption => {
  const found = options.find((entry) => entry.variant === variant && entry.runtime === runtime);
  assert.ok(found, `${variant} ${runtime}`);
  return found;
};
const close = (actual: number | undefined, expected: number, what: string) =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );

test('STM32F407, float32 generated C: fit, latency and energy by hand', () => {
  const float = option(advise(fixtureResults(), f407).options, 'float32', 'c');
  // RAM 5,000 static + 1,000 stack of 192 KiB (budget 75 % = 147,456 B); flash 60,000 of 1 MiB
  assert.deepEqual(float.fit, {
    ramBytes: 6_000,
    flashBytes: 60_000,
    ramBudgetBytes: 147_456,
    flashBudgetBytes: 786_432,
    ramShare: 6_000 / 196_608,
    flashShare: 60_000 / 1_048_576,
    fits: true,
  });
  // 2,000,000 instructions x 1.25 cycles / 168 MHz = 14.8810 ms; x 0.132 W = 1,964.29 µJ
  close(float.latencyMs, 14.880952380952381, 'latency');
  close(float.energyMicrojoules, 1964.2857142857142, 'energy');
  assert.equal(float.accuracy, 0.9);
  assert.equal(float.f1, 0.88);
});

test('STM32F407, int8: generated C with the DSP path and TFLite Micro (CMSIS-NN) scaled from trained_lstm_int8', () => {
  const options = advise(fixtureResults(), f407).options;
  const c = option(options, 'int8', 'c');
  // 1,000,000 x 520,980 / 721,180 = 722,399.4 → 722,399 instructions; flash +164 B, stack +4 B
  close(c.latencyMs, (722_399 * 1.25) / 168_000, 'C latency');
  assert.equal(c.fit?.flashBytes, 20_164);
  assert.equal(c.fit?.ramBytes, 1_500 + 504);
  const tflm = option(options, 'int8', 'tflite-micro');
  // 1,000,000 x 575,320 / 721,180 = 797,748.1 → 797,748; flash +58,400, RAM +2,896, stack +1,268
  close(tflm.latencyMs, (797_748 * 1.25) / 168_000, 'TFLM latency');
  assert.equal(tflm.fit?.flashBytes, 78_400);
  assert.equal(tflm.fit?.ramBytes, 4_396 + 1_768);
  close(tflm.energyMicrojoules, 0.132 * ((797_748 * 1.25) / 168_000) * 1000, 'TFLM energy');
  // TFLite Micro estimates are int8 only
  assert.match(option(options, 'float32', 'tflite-micro').unavailable ?? '', /int8/);
});

test('RP2040 and ESP32-S3 (no DSP): portable C count, TFLM reference kernels; float on the M0+ is discouraged', () => {
  const rp2040 = advise(fixtureResults(), findDevice('rp2040')).options;
  // 1,000,000 instructions x 1.73 cycles / 133 MHz
  close(option(rp2040, 'int8', 'c').latencyMs, (1_000_000 * 1.73) / 133_000, 'C latency');
  // reference kernels: 1,000,000 x 1,643,316 / 721,180 = 2,278,648.9 → 2,278,649
  close(option(rp2040, 'int8', 'tflite-micro').latencyMs, (2_278_649 * 1.73) / 133_000, 'TFLM latency');
  const float = option(rp2040, 'float32', 'c');
  assert.equal(float.latencyMs, undefined);
  assert.match(float.discouraged ?? '', /no FPU/);
  assert.equal(float.fit?.fits, true);
});

test('Raspberry Pi 5: host median latency x 2.1, energy at 4.5 W; failed cells say why', () => {
  const options = advise(fixtureResults(), findDevice('raspberry-pi-5')).options;
  const c = option(options, 'int8', 'c');
  close(c.latencyMs, 0.004 * 2.1, 'latency'); // 8.4 µs
  close(c.energyMicrojoules, 4.5 * 0.0084 * 1000, 'energy'); // 37.8 µJ
  assert.deepEqual([c.fit?.ramBytes, c.fit?.flashBytes], [80_000, 12_000]);
  assert.equal(c.accuracy, 0.5, "the runner's own accuracy");
  assert.equal(option(options, 'int8', 'onnxruntime').unavailable, 'onnxruntime failed: session crashed');
  assert.match(option(options, 'int8', 'litert').unavailable ?? '', /no litert measurement/);
});

test('recommendation: least energy within 1 point of the most accurate fitting option', () => {
  const advice = advise(fixtureResults(), f407);
  // float32 90.0 % is best; int8 89.5 % is within 1 point and far cheaper; int8-qat (88.0 %) is 2 points off
  assert.deepEqual([advice.recommendation?.variant, advice.recommendation?.runtime], ['int8', 'c']);
  const reasons = advice.recommendation?.reasons.join(' ') ?? '';
  assert.match(reasons, /loses 0\.5 points against float32 with generated C \(90\.0 %\)/);
  assert.match(reasons, /least energy of the 3 options within 1 point/);
  // float32 C: 60,000 B flash vs 20,164 B; energy 2,000,000 vs 722,399 instructions
  assert.match(
    reasons,
    /float32 with generated C needs 3\.0x the flash and 2\.8x the energy of int8 with generated C/,
  );
  // a wider tolerance lets the cheaper QAT variant in, then the structured one
  assert.equal(advise(fixtureResults(), f407, { tolerancePoints: 3 }).recommendation?.variant, 'int8-qat');
  assert.equal(
    advise(fixtureResults(), f407, { tolerancePoints: 6 }).recommendation?.variant,
    'structured-int8',
  );
  // exactly 1.0 point below the best still competes
  const results = fixtureResults();
  results.variants[1]!.evaluation.accuracy = 0.89;
  assert.equal(advise(results, f407).recommendation?.variant, 'int8');
});

test('an option that does not fit is never recommended, however accurate and cheap', () => {
  const results = fixtureResults();
  // float32 now needs 8,000 B of RAM and almost no instructions: best on accuracy and energy
  const cell = results.cells.find((entry) => entry.variant === 'float32' && entry.runner === 'c-cortex-m4')!;
  cell.mcu = { flashBytes: 6_000, ramBytes: 7_000, stackBytes: 1_000, instructionsPerInference: 10 };
  const small: McuDevice = { ...(f407 as McuDevice), id: 'small', name: 'small', ramBytes: 8_192 };
  const advice = advise(results, small);
  assert.equal(option(advice.options, 'float32', 'c').fit?.fits, false); // 8,000 > 6,144 (75 % of 8 KiB)
  assert.notEqual(advice.recommendation?.variant, 'float32');
  assert.match(
    advice.recommendation?.reasons.join(' ') ?? '',
    /float32 with generated C does not fit: it needs 7\.8 KB of RAM/,
  );
});

test('nothing fits: the message names the smallest option, its needs and budgets, and what would shrink it', () => {
  const tiny: McuDevice = {
    ...(f407 as McuDevice),
    id: 'tiny',
    name: 'Tiny MCU',
    ramBytes: 1_024,
    flashBytes: 8_192,
  };
  const advice = advise(fixtureResults(), tiny);
  assert.equal(advice.recommendation, undefined);
  // structured-int8 C: RAM 1,000 + 404 stack = 1,404 B > 768 B; flash 12,164 B > 6,144 B
  assert.equal(
    advice.nothingFits,
    "Nothing fits in 75 % of Tiny MCU's memory: the smallest option, structured-int8 with generated C, needs 1.4 KB of RAM (budget 768 B) " +
      'and 11.9 KB of flash (budget 6.0 KB). Structured pruning (the structured-int8 variant, or a larger pruning fraction) ' +
      'or a smaller model preset would shrink it; otherwise choose a device with more memory.',
  );
});

test('adviseAll covers the catalogue in order and labels every estimate with its basis', () => {
  const all = adviseAll(fixtureResults());
  assert.deepEqual(
    all.map((advice) => advice.device.id),
    DEVICES.map((device) => device.id),
  );
  for (const advice of all) {
    assert.ok(advice.recommendation, advice.device.id);
    assert.ok(
      advice.notes.some((note) => /estimate/.test(note)),
      advice.device.id,
    );
    assert.ok(
      advice.notes.some((note) =>
        /^Energy is an estimate: [0-9.]+ W active power x latency; power: /.test(note),
      ),
      advice.device.id,
    );
  }
});

test("TFLite Micro: the variant's own refusal is the reason; float32 gets no estimate even where TFLM could run it", () => {
  const results = fixtureResults();
  results.variants[0]!.targets = [{ target: 'tflite-micro', ok: true }];
  results.variants[1]!.targets = [
    { target: 'tflite-micro', ok: false, reason: 'int16 activations are not supported' },
  ];
  const options = advise(results, f407).options;
  assert.match(
    option(options, 'float32', 'tflite-micro').unavailable ?? '',
    /only TFLM figures to scale from are int8/,
  );
  assert.equal(option(options, 'int8', 'tflite-micro').unavailable, 'int16 activations are not supported');
  assert.equal(option(options, 'int8-qat', 'tflite-micro').unavailable, undefined);
});
