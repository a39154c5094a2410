import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synthesize } from '../../src/data/synth/index.js';

const SAMPLE_RATE = 2500;
const RECORDING = 8192;

interface Recording {
  condition: string;
  accelX: number[];
  accelY: number[];
  rpm: number[];
}

/** Eight multiclass recordings at difficulty 0 (two of each condition), grouped by recording_id. */
function recordings(): Recording[] {
  const table = synthesize({
    layout: 'long',
    classes: 'multiclass',
    rows: RECORDING * 8,
    length: RECORDING,
    difficulty: 0,
    seed: 5,
    missingRate: 0,
  });
  const byId = new Map<string, Recording>();
  for (const [, x, y, rpm, label, id] of table.rows()) {
    let recording = byId.get(String(id));
    if (!recording) {
      recording = { condition: table.classes[Number(label)], accelX: [], accelY: [], rpm: [] };
      byId.set(String(id), recording);
    }
    recording.accelX.push(Number(x));
    recording.accelY.push(Number(y));
    recording.rpm.push(Number(rpm));
  }
  return [...byId.values()];
}

/** Magnitude of one DFT bin at any frequency (Goertzel), after removing the mean. */
function magnitudeAt(signal: number[], frequency: number): number {
  const mean = signal.reduce((sum, value) => sum + value, 0) / signal.length;
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / SAMPLE_RATE);
  let [s1, s2] = [0, 0];
  for (const value of signal) [s1, s2] = [value - mean + coefficient * s1 - s2, s1];
  return Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - coefficient * s1 * s2));
}

/** The strongest frequency in [low, high] and how far it stands above the median bin. */
function strongestLine(
  signal: number[],
  low: number,
  high: number,
): { frequency: number; prominence: number } {
  const bins: { frequency: number; magnitude: number }[] = [];
  for (let frequency = low; frequency <= high; frequency += 0.25)
    bins.push({ frequency, magnitude: magnitudeAt(signal, frequency) });
  const sorted = bins.map((bin) => bin.magnitude).sort((a, b) => a - b);
  const peak = bins.reduce((best, bin) => (bin.magnitude > best.magnitude ? bin : best));
  return { frequency: peak.frequency, prominence: peak.magnitude / sorted[sorted.length >> 1] };
}

/** Envelope of the high-passed signal: impacts ring the resonance, the envelope keeps their rhythm. */
function envelope(signal: number[]): number[] {
  return signal.slice(1).map((value, i) => Math.abs(value - signal[i]));
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

// Independent references: published 6205 defect multiples of shaft speed (ball: twice the spin).
const IMPACTS_PER_REV: Record<string, number> = { outer_race: 3.5848, inner_race: 5.4152, ball: 4.7135 };

const data = recordings();

test('the long table holds two recordings of each condition here', () => {
  const counts: Record<string, number> = {};
  for (const recording of data) counts[recording.condition] = (counts[recording.condition] ?? 0) + 1;
  assert.deepEqual(counts, { healthy: 2, inner_race: 2, outer_race: 2, ball: 2 });
});

test('each fault recording has its envelope-spectrum peak at its defect frequency', () => {
  for (const recording of data.filter((r) => r.condition !== 'healthy')) {
    const shaftHz = mean(recording.rpm) / 60;
    const expected = IMPACTS_PER_REV[recording.condition] * shaftHz;
    const line = strongestLine(envelope(recording.accelX), 20, 300);
    const error = Math.abs(line.frequency - expected) / expected;
    assert.ok(
      error < 0.02,
      `${recording.condition}: peak ${line.frequency} Hz, expected ${expected.toFixed(2)} Hz`,
    );
    assert.ok(
      line.prominence > 10,
      `${recording.condition}: peak only ${line.prominence.toFixed(1)}x the median`,
    );
  }
});

test('healthy recordings have no dominant impact rhythm in the envelope', () => {
  for (const recording of data.filter((r) => r.condition === 'healthy')) {
    const line = strongestLine(envelope(recording.accelX), 20, 300);
    assert.ok(line.prominence < 6, `healthy envelope peak ${line.prominence.toFixed(1)}x the median`);
  }
});

test('the shaft line (1x) in the raw signal agrees with the tachometer column', () => {
  for (const recording of data) {
    const shaftHz = mean(recording.rpm) / 60;
    assert.ok(shaftHz >= 1500 / 60 - 0.5 && shaftHz <= 1800 / 60 + 0.5, `shaft ${shaftHz} Hz`);
    const line = strongestLine(recording.accelX, 15, 40);
    assert.ok(
      Math.abs(line.frequency - shaftHz) < 0.02 * shaftHz,
      `1x at ${line.frequency}, tacho ${shaftHz}`,
    );
  }
});

test('the tachometer updates once per revolution and the two axes are different signals', () => {
  for (const recording of data) {
    const changes = recording.rpm.filter((value, i) => i > 0 && value !== recording.rpm[i - 1]).length;
    const revolutions = (mean(recording.rpm) / 60) * (RECORDING / SAMPLE_RATE);
    // Consecutive revolutions may read the same to 0.1 rpm, so some pulses show no change.
    assert.ok(
      changes <= revolutions && changes >= 0.7 * revolutions,
      `${changes} updates in ${revolutions} turns`,
    );
    const [mx, my] = [mean(recording.accelX), mean(recording.accelY)];
    let [sxy, sxx, syy] = [0, 0, 0];
    recording.accelX.forEach((x, i) => {
      const y = recording.accelY[i];
      sxy += (x - mx) * (y - my);
      sxx += (x - mx) ** 2;
      syy += (y - my) ** 2;
    });
    assert.ok(Math.abs(sxy / Math.sqrt(sxx * syy)) < 0.9, 'accel_y is nearly a copy of accel_x');
  }
});
