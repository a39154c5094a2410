/**
 * A hand-written bench.json: four variants, the emulated Cortex-M4 and host cells with round
 * numbers, so every estimate in the tests can be worked out by hand.
 */
import type { BenchCell, BenchResults, RunnerName } from '../../src/bench/results.js';
import type { VariantReport } from '../../src/compress/report.js';
import type { VariantKind } from '../../src/compress/variants.js';
import type { VariantName } from '../../src/compress/variant-names.js';

function variant(name: VariantName, kind: VariantKind, accuracy: number, f1: number): VariantReport {
  return {
    name,
    kind,
    evaluation: {
      accuracy,
      f1,
      report: {
        classes: [],
        accuracy,
        macro: { precision: f1, recall: f1, f1 },
        weighted: { precision: f1, recall: f1, f1 },
        confusionMatrix: [],
      },
    },
    deltaPoints: (accuracy - 0.9) * 100,
    weightBytes: kind === 'float' ? 40_000 : 10_000,
    weightRatio: kind === 'float' ? 1 : 0.25,
    arenaBytes: 2_000,
    stateBytes: 0,
    macs: 100_000,
    sizes: { denseBytes: 10_000, sparseBytes: 10_000, compressedBytes: 9_000, zeroFraction: 0 },
    latencyMs: 0.1,
    targets: [],
    files: { graph: `${name}.efg` },
  };
}

function mcuCell(name: string, mcu: NonNullable<BenchCell['mcu']>): BenchCell {
  return { variant: name, runner: 'c-cortex-m4', status: 'ok', mcu, memory: { modelBytes: mcu.flashBytes } };
}

function hostCell(name: string, runner: RunnerName, p50: number, modelBytes: number, rss: number): BenchCell {
  return {
    variant: name,
    runner,
    status: 'ok',
    latency: { runs: 200, mean: p50 * 1.1, p50, p95: p50 * 2, p99: p50 * 3 },
    memory: { modelBytes, rssGrowthBytes: rss },
    accuracy: { accuracy: 0.5, f1: 0.5 },
  };
}

export function fixtureResults(): BenchResults {
  return {
    model: 'runs/fixture/train/model.json',
    createdAt: '2026-11-28T00:00:00.000Z',
    host: { cpu: 'AMD EPYC', cores: 2, node: 'v20', platform: 'linux-x64' },
    task: 'binary',
    classes: ['0', '1'],
    variants: [
      variant('float32', 'float', 0.9, 0.88),
      variant('int8', 'ptq', 0.895, 0.87),
      variant('int8-qat', 'qat', 0.88, 0.86),
      variant('structured-int8', 'structured', 0.85, 0.8),
    ],
    cells: [
      mcuCell('float32', {
        flashBytes: 60_000,
        ramBytes: 5_000,
        stackBytes: 1_000,
        instructionsPerInference: 2_000_000,
      }),
      mcuCell('int8', {
        flashBytes: 20_000,
        ramBytes: 1_500,
        stackBytes: 500,
        instructionsPerInference: 1_000_000,
      }),
      mcuCell('int8-qat', {
        flashBytes: 20_000,
        ramBytes: 1_500,
        stackBytes: 500,
        instructionsPerInference: 900_000,
      }),
      mcuCell('structured-int8', {
        flashBytes: 12_000,
        ramBytes: 1_000,
        stackBytes: 400,
        instructionsPerInference: 400_000,
      }),
      hostCell('float32', 'c-native', 0.01, 42_000, 100_000),
      hostCell('int8', 'c-native', 0.004, 12_000, 80_000),
      hostCell('float32', 'onnxruntime', 0.05, 45_000, 30_000_000),
      { variant: 'int8', runner: 'onnxruntime', status: 'failed', reason: 'session crashed' },
    ],
  };
}
