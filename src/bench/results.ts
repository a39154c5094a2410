/** bench.json: every variant of a model measured on every runner, the types the report and advisor read. */
import type { VariantReport } from '../compress/report.js';

export type RunnerName = 'edgeforge' | 'onnxruntime' | 'litert' | 'c-native' | 'c-cortex-m4';

/** Milliseconds. */
export interface LatencyStats {
  runs: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface BenchCell {
  /** Compress variant name (float32, int8, int8-qat, ...). */
  variant: string;
  runner: RunnerName;
  status: 'ok' | 'unsupported' | 'failed';
  /** Why unsupported/failed, one line. */
  reason?: string;
  /** The exported file the runner ran (.onnx/.tflite/C folder). */
  file?: string;
  verified?: { maxAbsDiff: number; tolerance: number; passed: boolean };
  /** Batch 1. */
  latency?: LatencyStats;
  batch?: { size: number; latency: LatencyStats; throughputPerSecond: number };
  memory?: { modelBytes: number; arenaBytes?: number; rssGrowthBytes?: number };
  /** Process CPU time / wall time during the timed runs. */
  cpu?: { utilization: number };
  accuracy?: { accuracy: number; f1: number; auc?: number };
  mcu?: { flashBytes: number; ramBytes: number; stackBytes: number; instructionsPerInference: number };
}

export interface BenchResults {
  /** model.json path. */
  model: string;
  createdAt: string;
  host: { cpu: string; cores: number; node: string; platform: string };
  task: 'binary' | 'multiclass' | 'autoencoder';
  classes: string[];
  /** From compress.json. */
  variants: VariantReport[];
  cells: BenchCell[];
}
