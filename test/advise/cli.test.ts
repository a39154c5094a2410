import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Advice } from '../../src/advise/index.js';
import { runCli, tempDir } from '../cli/helpers.js';
import { fixtureResults } from './fixture.js';

const run = await tempDir('edgeforge-advise-');
await mkdir(join(run, 'bench'));
const benchFile = join(run, 'bench', 'bench.json');
await writeFile(benchFile, JSON.stringify(fixtureResults()));

test('advise RUN: the whole catalogue as one table, one row per device with its pick', async () => {
  const result = await runCli('advise', run);
  assert.equal(result.code, 0, result.err);
  const lines = result.out.split('\n');
  assert.match(lines[0]!, /^device\s+class\s+recommended\s+latency\s+energy\s+accuracy\s+fit$/);
  // STM32F407: int8 C, 722,399 x 1.25 / 168 MHz = 5.37 ms, x 0.132 W = 709.5 µJ; 7 of 8 options fit (TFLM has no float32)
  assert.match(result.out, /stm32f407\s+mcu\s+int8 with generated C\s+5\.37 ms\s+709\.5 µJ\s+89\.5 %\s+7\/8/);
  assert.equal(lines.filter((line) => /^(stm32|nrf|esp|rp2040|raspberry|snapdragon)/.test(line)).length, 10);
});

test('advise BENCH_JSON --device ALIAS --json: one device, the same advice as the library', async () => {
  const result = await runCli('advise', benchFile, '--device', 'Pi5', '--json');
  assert.equal(result.code, 0, result.err);
  const advice = JSON.parse(result.out) as Advice;
  assert.equal(advice.device.id, 'raspberry-pi-5');
  assert.deepEqual([advice.recommendation?.variant, advice.recommendation?.runtime], ['int8', 'c']);
});

test('advise --device: the human view lists options, reasons and what the estimates rest on', async () => {
  const result = await runCli('advise', join(run, 'bench'), '--device', 'rp2040');
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /recommended: int8 with generated C/);
  assert.match(result.out, /float32\s+generated C\s+yes .*no FPU/);
  assert.match(result.out, /note: Latency is a rough estimate/);
});

test('advise errors: unknown device with a suggestion and the list, missing path, wrong file', async () => {
  const unknown = await runCli('advise', run, '--device', 'nrf5284');
  assert.equal(unknown.code, 2);
  assert.equal(
    unknown.err,
    "edgeforge: error: option --device: unknown device 'nrf5284' (did you mean nrf52840?). Use one of: " +
      'stm32f407, stm32f746, stm32h743, stm32l476, nrf52840, esp32-s3, rp2040, raspberry-pi-4, raspberry-pi-5, snapdragon-778g.\n',
  );
  const missing = await runCli('advise', join(run, 'nope'));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /nope: not found\. Pass a run folder/);
  const empty = await tempDir('edgeforge-advise-');
  assert.match(
    (await runCli('advise', empty)).err,
    /holds no bench\/bench\.json\. Run edgeforge bench on it first/,
  );
  const wrong = join(empty, 'bench.json');
  await writeFile(
    wrong,
    JSON.stringify({ variants: [], cells: [{ variant: 'int8', runner: 'c-native', status: 'done' }] }),
  );
  const bad = await runCli('advise', wrong);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /bench\.json: field cells\[0\]\.status: is not a bench\.json/);
});
