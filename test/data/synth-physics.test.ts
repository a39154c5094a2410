import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BEARING_6205, defectFrequencies, type BearingGeometry } from '../../src/data/synth/bearing.js';
import { Resonance } from '../../src/data/synth/resonance.js';

const close = (actual: number, expected: number, tolerance: number, what: string): void =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`,
  );

test('6205 defect frequencies match the published multiples of shaft speed', () => {
  // Published for the 6205-2RS JEM SKF drive-end bearing: BPFI 5.4152, BPFO 3.5848, FTF 0.39828,
  // and 4.7135 for the ball defect, which strikes twice per spin.
  const perHz = defectFrequencies(BEARING_6205, 1);
  close(perHz.innerRace, 5.4152, 0.003, 'BPFI');
  close(perHz.outerRace, 3.5848, 0.003, 'BPFO');
  close(perHz.cage, 0.39828, 0.0005, 'FTF');
  close(2 * perHz.ballSpin, 4.7135, 0.003, '2 x BSF');
  // Every characteristic frequency is proportional to shaft speed: 1797 rpm.
  const at1797 = defectFrequencies(BEARING_6205, 1797 / 60);
  close(at1797.outerRace, (3.5848 * 1797) / 60, 0.1, 'BPFO at 1797 rpm');
  close(at1797.shaft, 29.95, 1e-12, 'shaft');
});

test('the contact angle enters as d/D cos(phi): a hand-computed angular-contact case', () => {
  // d/D = 0.2, cos(60 deg) = 0.5 -> ratio 0.1; n/2 = 5.
  const bearing: BearingGeometry = {
    balls: 10,
    ballDiameter: 10,
    pitchDiameter: 50,
    contactAngle: Math.PI / 3,
  };
  const f = defectFrequencies(bearing, 20);
  close(f.outerRace, 5 * 20 * 0.9, 1e-9, 'BPFO');
  close(f.innerRace, 5 * 20 * 1.1, 1e-9, 'BPFI');
  close(f.cage, 10 * 0.9, 1e-9, 'FTF');
  close(f.ballSpin, 2.5 * 20 * 0.99, 1e-9, 'BSF');
  // Outer- and inner-race ball passes add up to the ball count times shaft speed.
  close(f.outerRace + f.innerRace, 10 * 20, 1e-9, 'BPFO + BPFI');
});

test('a struck resonance rings as a exp(-zeta wn t) sin(wd t), also for impacts between samples', () => {
  const sampleRate = 2500;
  const [frequency, damping, amplitude, lag] = [700, 0.08, 0.3, 0.00013];
  const ring = new Resonance(frequency, damping, sampleRate);
  const wn = 2 * Math.PI * frequency;
  const wd = wn * Math.sqrt(1 - damping * damping);
  ring.strike(amplitude, lag);
  for (let n = 0; n < 40; n++) {
    const t = lag + n / sampleRate;
    close(ring.value(), amplitude * Math.exp(-damping * wn * t) * Math.sin(wd * t), 1e-12, `sample ${n}`);
    ring.advance();
  }
});

test('ringing from two impacts adds up (the structure is linear)', () => {
  const first = new Resonance(600, 0.1, 2500);
  const second = new Resonance(600, 0.1, 2500);
  const both = new Resonance(600, 0.1, 2500);
  first.strike(1, 0);
  both.strike(1, 0);
  for (let n = 0; n < 5; n++) [first, second, both].forEach((ring) => ring.advance());
  second.strike(-0.4, 0.0001);
  both.strike(-0.4, 0.0001);
  for (let n = 0; n < 20; n++) {
    close(both.value(), first.value() + second.value(), 1e-12, `sample ${n}`);
    [first, second, both].forEach((ring) => ring.advance());
  }
});
