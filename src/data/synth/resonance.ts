/**
 * One lightly damped structural mode of the machine housing. Every impact rings it
 * as a decaying sinusoid; the ringing of all past impacts is kept as one complex
 * phasor that turns and shrinks by a fixed factor per sample, so an impact costs
 * O(1) however long it rings, and impacts between samples keep their exact timing.
 */
export class Resonance {
  private real = 0;
  private imag = 0;
  private readonly decayRate: number;
  private readonly angularFrequency: number;
  private readonly stepReal: number;
  private readonly stepImag: number;

  constructor(frequencyHz: number, dampingRatio: number, sampleRate: number) {
    const natural = 2 * Math.PI * frequencyHz;
    this.decayRate = dampingRatio * natural;
    this.angularFrequency = natural * Math.sqrt(1 - dampingRatio * dampingRatio);
    const shrink = Math.exp(-this.decayRate / sampleRate);
    this.stepReal = shrink * Math.cos(this.angularFrequency / sampleRate);
    this.stepImag = shrink * Math.sin(this.angularFrequency / sampleRate);
  }

  /** Moves the ringing on by one sample period. */
  advance(): void {
    const real = this.real * this.stepReal - this.imag * this.stepImag;
    this.imag = this.real * this.stepImag + this.imag * this.stepReal;
    this.real = real;
  }

  /** Adds an impact that happened `lagSeconds` before the current sample. */
  strike(amplitude: number, lagSeconds: number): void {
    const size = amplitude * Math.exp(-this.decayRate * lagSeconds);
    const angle = this.angularFrequency * lagSeconds;
    this.real += size * Math.cos(angle);
    this.imag += size * Math.sin(angle);
  }

  /** Response at the current sample: amplitude * exp(-decay * t) * sin(omega * t) summed over impacts. */
  value(): number {
    return this.imag;
  }
}
