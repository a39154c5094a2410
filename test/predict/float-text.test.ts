import { test } from 'node:test';
import assert from 'node:assert/strict';
import { float32Text } from '../../src/predict/float-text.js';
import { Random } from '../../src/util/random.js';

test('float32 values print as their shortest decimal', () => {
  assert.equal(float32Text(Math.fround(0.9)), '0.9');
  assert.equal(float32Text(Math.fround(1 / 3)), '0.33333334');
  assert.equal(float32Text(Math.fround(1e-7)), '1e-7');
  assert.equal(float32Text(0), '0');
  assert.equal(float32Text(-2.5), '-2.5');
  assert.equal(float32Text(Infinity), 'Infinity');
});

test('every printed value reads back as the same float32', () => {
  const random = new Random(3);
  for (let i = 0; i < 2000; i++) {
    const value = Math.fround(random.normal() * 10 ** (random.int(17) - 8));
    const text = float32Text(value);
    assert.equal(Math.fround(Number(text)), value, text);
    // At most the 9 significant digits that identify any float32.
    const digits = text
      .replace(/^-|e.*$/g, '')
      .replace('.', '')
      .replace(/^0+/, '');
    assert.ok(digits.length <= 9, text);
  }
});
