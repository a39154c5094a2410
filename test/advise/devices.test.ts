import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEVICES } from '../../src/advise/index.js';
import { findDevice } from '../../src/advise/find-device.js';
import { EdgeforgeError } from '../../src/errors.js';

test('the catalogue holds the devices the issue names, each once', () => {
  assert.deepEqual(
    DEVICES.map((device) => device.id),
    [
      'stm32f407',
      'stm32f746',
      'stm32h743',
      'stm32l476',
      'nrf52840',
      'esp32-s3',
      'rp2040',
      'raspberry-pi-4',
      'raspberry-pi-5',
      'snapdragon-778g',
    ],
  );
  const names = DEVICES.flatMap((device) => [device.id, ...device.aliases]);
  assert.equal(new Set(names).size, names.length, 'ids and aliases are unique');
});

test('every device has every field, positive figures and a source for each figure', () => {
  for (const device of DEVICES) {
    assert.ok(device.name.length > 3 && device.core.length > 3, device.id);
    for (const source of [device.specSource, device.powerSource]) {
      assert.ok(source.length > 30, `${device.id}: ${source}`);
    }
    for (const value of [device.clockMHz, device.ramBytes, device.flashBytes, device.activePowerW]) {
      assert.ok(Number.isFinite(value) && value > 0, `${device.id}: ${value}`);
    }
    assert.equal(typeof device.fpu, 'boolean');
    assert.equal(typeof device.dsp, 'boolean');
    assert.ok(device.runtimes.length > 0);
    if (device.class === 'mcu') {
      assert.deepEqual([...device.runtimes].sort(), ['c', 'tflite-micro']);
      assert.ok(device.cyclesPerM4Instruction > 0.5 && device.cyclesPerM4Instruction < 3, device.id);
      assert.ok(device.cpiBasis.length > 20, device.id);
    } else {
      assert.deepEqual([...device.runtimes].sort(), ['c', 'edgeforge', 'litert', 'onnxruntime']);
      assert.ok(device.hostSpeedFactor >= 1, device.id);
      assert.match(device.speedBasis, /^Estimate/);
    }
  }
});

test('datasheet facts: clocks, memories and cores as the vendors publish them', () => {
  const byId = (id: string) => DEVICES.find((device) => device.id === id)!;
  // ST DS8626 / DS12110, Nordic nRF52840 PS, RP2040 datasheet
  assert.deepEqual(
    [byId('stm32f407').clockMHz, byId('stm32f407').ramBytes, byId('stm32f407').flashBytes],
    [168, 196_608, 1_048_576],
  );
  assert.deepEqual([byId('stm32h743').clockMHz, byId('stm32h743').flashBytes], [480, 2_097_152]);
  assert.deepEqual([byId('nrf52840').clockMHz, byId('nrf52840').ramBytes], [64, 262_144]);
  assert.deepEqual(
    [byId('rp2040').ramBytes, byId('rp2040').fpu, byId('rp2040').dsp],
    [270_336, false, false],
  );
  // Cortex-M7 retires more per cycle than the M4; the M0+ and Xtensa estimates are marked rough
  assert.ok(byId('stm32f746').class === 'mcu' && byId('stm32f407').class === 'mcu');
  const m7 = byId('stm32f746');
  const m4 = byId('stm32f407');
  assert.ok(
    m7.class === 'mcu' && m4.class === 'mcu' && m7.cyclesPerM4Instruction < m4.cyclesPerM4Instruction,
  );
  for (const id of ['rp2040', 'esp32-s3']) {
    const device = byId(id);
    assert.ok(device.class === 'mcu' && device.confidence === 'rough', id);
  }
});

test('findDevice: id, alias or name in any case; a typo gets a suggestion and the list', () => {
  assert.equal(findDevice('STM32F4').id, 'stm32f407');
  assert.equal(findDevice('pi5').id, 'raspberry-pi-5');
  assert.equal(findDevice('Nordic nRF52840').id, 'nrf52840');
  assert.throws(
    () => findDevice('stm32h74'),
    (error: unknown) =>
      error instanceof EdgeforgeError &&
      error.exitCode === 2 &&
      /unknown device 'stm32h74' \(did you mean stm32h743\?\)/.test(error.oneLine()) &&
      error.oneLine().includes('raspberry-pi-4, raspberry-pi-5, snapdragon-778g'),
  );
});
