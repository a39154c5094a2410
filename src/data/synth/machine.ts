import type { Random } from '../../util/random.js';
import type { Condition } from './conditions.js';

/** Samples per second of both accelerometer axes: 0.4 ms steps, so timestamps are exact with 6 decimals. */
export const SAMPLE_RATE = 2500;
/** Accelerometer resolution: 1 micro-g, written as 6 decimals of g. */
export const ACCEL_DECIMALS = 6;
/** Timestamps in seconds: 6 decimals hold every 0.4 ms step exactly. */
export const TIME_DECIMALS = 6;
/** Tachometer resolution, rpm. */
export const RPM_DECIMALS = 1;
/** Nominal shaft speed range of the simulated motor, rpm. */
export const SPEED_RANGE_RPM: readonly [number, number] = [1500, 1800];

/** A structural transfer path from the bearing to one accelerometer axis. */
export interface TransferPath {
  resonanceHz: number;
  dampingRatio: number;
  /** Scales the bearing impacts on their way to this axis. */
  impactGain: number;
  /** Scales the shaft harmonics seen on this axis (stiffness differs between axes). */
  harmonicGain: number;
  /** Sensor noise standard deviation on this axis, g. */
  noiseStd: number;
}

/** Everything random about one machine run, drawn once per recording (or per wide row). */
export interface RunParameters {
  condition: Condition;
  /** Nominal shaft speed, Hz. */
  shaftHz: number;
  /** Slow speed wander: relative depth, period in seconds, phase in radians. */
  driftDepth: number;
  driftPeriod: number;
  driftPhase: number;
  /** Amplitudes (g) and phases of the 1x, 2x, 3x shaft harmonics (imbalance, misalignment, looseness). */
  harmonicAmplitudes: [number, number, number];
  harmonicPhases: [number, number, number];
  /** Motor magnetic vibration at twice the 50 Hz line frequency, g. */
  humAmplitude: number;
  humPhase: number;
  /** Peak of one defect impact at full load, g (0 for a healthy run). */
  impactAmplitude: number;
  /** Relative random spread of the interval between defect impacts (rolling elements slip). */
  slip: number;
  /** Share of the impact force left outside the load zone. */
  loadResidual: number;
  /** Where the rotating defect (inner race, ball) starts relative to the load zone, radians. */
  loadPhase: number;
  /** Stray impacts unrelated to the bearing (tool drops, loose guards): rate per second and peak, g. */
  shockRate: number;
  shockAmplitude: number;
  x: TransferPath;
  y: TransferPath;
}

const lerp = (from: number, to: number, t: number): number => from + (to - from) * t;
const logUniform = (random: Random, low: number, high: number): number =>
  Math.exp(random.uniform(Math.log(low), Math.log(high)));

/**
 * Draws one run. `difficulty` (0 easy .. 1 hard) widens the range of fault severity
 * down to incipient faults buried in noise and makes stray impacts more common,
 * so the classes overlap more.
 */
export function drawRunParameters(condition: Condition, difficulty: number, random: Random): RunParameters {
  const x = drawTransferPath(random, [550, 900]);
  const y = drawTransferPath(random, [400, 700]);
  const imbalance = logUniform(random, 0.02, 0.15);
  // Severity as a ratio to the noise floor: hard data reaches down to faults the noise hides.
  const severity = logUniform(random, lerp(8, 1.5, difficulty), lerp(30, 15, difficulty));
  const phase = (): number => random.uniform(0, 2 * Math.PI);
  return {
    condition,
    shaftHz: random.uniform(SPEED_RANGE_RPM[0], SPEED_RANGE_RPM[1]) / 60,
    driftDepth: random.uniform(0.002, 0.01),
    driftPeriod: random.uniform(2, 8),
    driftPhase: phase(),
    harmonicAmplitudes: [
      imbalance,
      imbalance * random.uniform(0.15, 0.8),
      imbalance * random.uniform(0.05, 0.3),
    ],
    harmonicPhases: [phase(), phase(), phase()],
    humAmplitude: random.uniform(0.002, 0.02),
    humPhase: phase(),
    impactAmplitude: condition === 'healthy' ? 0 : severity * x.noiseStd,
    slip: random.uniform(0.01, 0.02),
    loadResidual: random.uniform(lerp(0.6, 0.1, difficulty), lerp(0.9, 0.4, difficulty)),
    loadPhase: phase(),
    shockRate: lerp(0.2, 3, difficulty),
    shockAmplitude: logUniform(random, 1, lerp(3, 6, difficulty)) * x.noiseStd,
    x,
    y,
  };
}

function drawTransferPath(random: Random, resonanceRange: [number, number]): TransferPath {
  return {
    resonanceHz: random.uniform(resonanceRange[0], resonanceRange[1]),
    dampingRatio: random.uniform(0.06, 0.15),
    impactGain: random.uniform(0.6, 1),
    harmonicGain: random.uniform(0.5, 1),
    noiseStd: random.uniform(0.01, 0.03),
  };
}
