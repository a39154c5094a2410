import type { Random } from '../../util/random.js';
import { BEARING_6205, defectFrequencies } from './bearing.js';
import type { Condition } from './conditions.js';
import { Resonance } from './resonance.js';
import { SAMPLE_RATE, type RunParameters, type TransferPath } from './machine.js';

const TWO_PI = 2 * Math.PI;
/** Samples run before the first one kept, so the first kept sample already rings from earlier impacts. */
const SETTLE_SAMPLES = 64;
const HUM_HZ = 100;
/** The motor's magnetic hum pulls mostly sideways, so the vertical axis sees less of it. */
const HUM_SHARE_Y = 0.5;
/** Load-distribution exponent of a ball bearing (Stribeck): load ~ cos(angle)^(10/9) inside the zone. */
const LOAD_EXPONENT = 10 / 9;
/** A ball defect also strikes the inner race, whose impacts travel further and arrive weaker. */
const INNER_STRIKE_SHARE = 0.6;
/** Relative spread of the force of individual impacts. */
const IMPACT_SPREAD = 0.1;
/** Relative timing noise of the tachometer's once-per-rev pulse. */
const TACHO_NOISE = 2e-4;

/** Defect impacts per shaft revolution and what turns the defect through the load zone. */
interface FaultKinematics {
  impactsPerRevolution: number;
  /** Rotations of the defect through the load zone per shaft revolution (0: fixed in the zone). */
  loadTurnsPerRevolution: number;
}

const UNIT = defectFrequencies(BEARING_6205, 1);

function kinematicsOf(condition: Condition): FaultKinematics | undefined {
  switch (condition) {
    case 'healthy':
      return undefined;
    case 'outer_race':
      return { impactsPerRevolution: UNIT.outerRace, loadTurnsPerRevolution: 0 };
    case 'inner_race':
      return { impactsPerRevolution: UNIT.innerRace, loadTurnsPerRevolution: 1 };
    case 'ball':
      return { impactsPerRevolution: 2 * UNIT.ballSpin, loadTurnsPerRevolution: UNIT.cage };
  }
}

/** The output buffers of one call to MachineRun.generate; missing channels are skipped. */
export interface RunChannels {
  accelX: Float64Array;
  accelY?: Float64Array;
  /** Tachometer reading, rpm: updated once per revolution, as a once-per-rev pulse sensor does. */
  speedRpm?: Float64Array;
}

/**
 * A running machine that yields accelerometer samples one after another: shaft
 * harmonics and motor hum, bearing-defect impacts (and stray shocks) ringing the
 * housing's resonances, and sensor noise.
 */
export class MachineRun {
  private time = 0;
  private shaftTurns: number;
  private loadTurns = 0;
  private defectTurns: number;
  private impactJitter = 0;
  private innerStrike = false;
  private untilShock: number;
  private lastPulseTime: number | undefined;
  private tachometer: number;
  private readonly kinematics: FaultKinematics | undefined;
  private readonly ringX: Resonance;
  private readonly ringY: Resonance;

  constructor(
    private readonly run: RunParameters,
    private readonly random: Random,
  ) {
    this.kinematics = kinematicsOf(run.condition);
    this.shaftTurns = random.next();
    this.defectTurns = random.next();
    this.untilShock = this.shockInterval();
    this.tachometer = run.shaftHz * 60;
    this.ringX = ringOf(run.x);
    this.ringY = ringOf(run.y);
    for (let i = 0; i < SETTLE_SAMPLES; i++) this.advance();
  }

  /** Writes the next `count` samples into each channel given. */
  generate(count: number, channels: RunChannels): void {
    const run = this.run;
    const { accelX, accelY, speedRpm } = channels;
    const [h1, h2, h3] = run.harmonicAmplitudes;
    // sin(k a + p) = sin(k a) cos p + cos(k a) sin p, with sin(k a), cos(k a) from sin a, cos a.
    const [p1, p2, p3] = run.harmonicPhases;
    const [c1, c2, c3] = [h1 * Math.cos(p1), h2 * Math.cos(p2), h3 * Math.cos(p3)];
    const [s1, s2, s3] = [h1 * Math.sin(p1), h2 * Math.sin(p2), h3 * Math.sin(p3)];
    for (let i = 0; i < count; i++) {
      this.advance();
      const sin1 = Math.sin(TWO_PI * this.shaftTurns);
      const cos1 = Math.cos(TWO_PI * this.shaftTurns);
      const sin2 = 2 * sin1 * cos1;
      const cos2 = 1 - 2 * sin1 * sin1;
      const sin3 = sin1 * (3 - 4 * sin1 * sin1);
      const cos3 = cos1 * (4 * cos1 * cos1 - 3);
      const hum = run.humAmplitude * Math.sin(TWO_PI * HUM_HZ * this.time + run.humPhase);
      const harmonicsX = sin1 * c1 + cos1 * s1 + sin2 * c2 + cos2 * s2 + sin3 * c3 + cos3 * s3;
      accelX[i] =
        harmonicsX * run.x.harmonicGain + hum + this.ringX.value() + this.random.normal(0, run.x.noiseStd);
      if (accelY) {
        // The vertical axis sees the rotating force a quarter turn later: cosines instead of sines.
        const harmonicsY = cos1 * c1 - sin1 * s1 + cos2 * c2 - sin2 * s2 + cos3 * c3 - sin3 * s3;
        accelY[i] =
          harmonicsY * run.y.harmonicGain +
          HUM_SHARE_Y * hum +
          this.ringY.value() +
          this.random.normal(0, run.y.noiseStd);
      }
      if (speedRpm) speedRpm[i] = this.tachometer;
    }
  }

  /** One sample period of the mechanics: speed, rotation, impacts and their ringing. */
  private advance(): void {
    const run = this.run;
    const step = 1 / SAMPLE_RATE;
    this.time += step;
    const shaftHz =
      run.shaftHz * (1 + run.driftDepth * Math.sin((TWO_PI * this.time) / run.driftPeriod + run.driftPhase));
    this.turnShaft(shaftHz, step);
    this.ringX.advance();
    this.ringY.advance();
    this.strikeDefect(shaftHz, step);
    this.strikeShock(step);
  }

  private turnShaft(shaftHz: number, step: number): void {
    this.shaftTurns += shaftHz * step;
    this.loadTurns += shaftHz * step * (this.kinematics?.loadTurnsPerRevolution ?? 0);
    if (this.shaftTurns < 1) return;
    this.shaftTurns -= 1;
    // A once-per-rev pulse timed by a fast counter gives the mean speed of the last revolution.
    const pulseTime = this.time - this.shaftTurns / shaftHz;
    if (this.lastPulseTime !== undefined)
      this.tachometer = (60 / (pulseTime - this.lastPulseTime)) * (1 + this.random.normal(0, TACHO_NOISE));
    this.lastPulseTime = pulseTime;
  }

  private strikeDefect(shaftHz: number, step: number): void {
    const kinematics = this.kinematics;
    if (!kinematics) return;
    const impactHz = kinematics.impactsPerRevolution * shaftHz * (1 + this.impactJitter);
    this.defectTurns += impactHz * step;
    if (this.defectTurns < 1) return;
    this.defectTurns -= 1;
    const lag = this.defectTurns / impactHz;
    const force =
      this.run.impactAmplitude *
      this.loadFactor() *
      Math.max(0, 1 + this.random.normal(0, IMPACT_SPREAD)) *
      (this.innerStrike ? INNER_STRIKE_SHARE : 1);
    if (this.run.condition === 'ball') this.innerStrike = !this.innerStrike;
    this.impactJitter = this.random.normal(0, this.run.slip);
    this.ringX.strike(force * this.run.x.impactGain, lag);
    this.ringY.strike(force * this.run.y.impactGain, lag);
  }

  /** Load on the defect: full in the middle of the load zone, a residual outside it. */
  private loadFactor(): number {
    if (this.kinematics?.loadTurnsPerRevolution === 0) return 1;
    const cosine = Math.cos(TWO_PI * this.loadTurns + this.run.loadPhase);
    const zone = cosine > 0 ? Math.pow(cosine, LOAD_EXPONENT) : 0;
    return this.run.loadResidual + (1 - this.run.loadResidual) * zone;
  }

  private strikeShock(step: number): void {
    this.untilShock -= step;
    if (this.untilShock > 0) return;
    const amplitude = this.run.shockAmplitude * this.random.uniform(0.5, 1.5);
    this.ringX.strike(amplitude * this.run.x.impactGain, -this.untilShock);
    this.ringY.strike(amplitude * this.run.y.impactGain, -this.untilShock);
    this.untilShock += this.shockInterval();
  }

  /** Exponential waiting time of a Poisson process. */
  private shockInterval(): number {
    return -Math.log(1 - this.random.next()) / this.run.shockRate;
  }
}

function ringOf(path: TransferPath): Resonance {
  return new Resonance(path.resonanceHz, path.dampingRatio, SAMPLE_RATE);
}
