import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, type PipelineConfig } from '../../src/config/schema.js';

/** A pipeline small enough for tests: 300 synthetic rows, mlp for 1 epoch, float32 and int8, tflite and onnx. */
export async function tinyPipelineConfig(prefix: string): Promise<PipelineConfig> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return configSchema.parse({
    name: 'tiny',
    output: join(dir, 'run'),
    data: {
      file: join(dir, 'bearing.csv'),
      synthesize: { layout: 'wide', rows: 300, length: 16, seed: 1, classes: 'binary' },
      label: 'fault_label',
      ignore: ['fault_name'],
      split: { train: 0.6, validation: 0.2, test: 0.2, seed: 1 },
    },
    train: { preset: 'mlp', epochs: 1, batchSize: 32, seed: 1 },
    compress: { variants: ['float32', 'int8'], latencyRuns: 5, calibration: { size: 50 } },
    export: { formats: ['tflite', 'onnx'], verifyWindows: 16 },
  });
}
