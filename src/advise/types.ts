/** What the advisor answers for one device: every variant × runtime it can use, and its pick. */
import type { RunnerName } from '../bench/results.js';
import type { DeviceClass, Runtime } from './devices.js';

export interface AdviseOptions {
  /** Share of RAM and flash kept free for the application (default 0.25). */
  headroom?: number;
  /** Options within this many accuracy points of the best fitting one compete on energy (default 1). */
  tolerancePoints?: number;
}

export interface Fit {
  /** What the option needs. */
  ramBytes: number;
  flashBytes: number;
  /** The device's memory minus the headroom. */
  ramBudgetBytes: number;
  flashBudgetBytes: number;
  /** Needed / the device's whole memory. */
  ramShare: number;
  flashShare: number;
  fits: boolean;
}

export interface AdviceOption {
  variant: string;
  runtime: Runtime;
  /** The bench cell the estimate starts from. */
  runner: RunnerName;
  /** Why there is no estimate (not measured, runner unsupported, runtime cannot run the variant). */
  unavailable?: string;
  fit?: Fit;
  /** Estimated single-inference latency on the device. */
  latencyMs?: number;
  /** Active power × latency. */
  energyMicrojoules?: number;
  /** Test-split accuracy and F1 (fractions). */
  accuracy?: number;
  f1?: number;
  /** How fit and latency were derived, one line. */
  basis?: string;
  /** The option runs but should not be chosen (float code on a core without an FPU). */
  discouraged?: string;
}

export interface Recommendation {
  variant: string;
  runtime: Runtime;
  reasons: string[];
}

export interface Advice {
  device: { id: string; name: string; class: DeviceClass };
  headroom: number;
  tolerancePoints: number;
  options: AdviceOption[];
  recommendation?: Recommendation;
  /** Set when no option can be recommended: why, and what would fit. */
  nothingFits?: string;
  /** What the estimates rest on (power source, cycles or speed factor). */
  notes: string[];
}
