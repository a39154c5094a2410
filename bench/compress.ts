/**
 * What compression buys, measured: float32 vs int8 PTQ vs int8 QAT on the synthetic demo data
 * (6,000 windows of 64, as examples/demo.yaml) and on the CWRU bearing windows (3,820 of 256,
 * 4 classes, test = segment 3 as its README recommends), for lstm-tutorial and cnn1d-small
 * trained here with seed 42:
 *   npm run bench:compress [-- --lstm-epochs N] [--cnn-epochs N] [--qat-epochs N]
 *     [--variants float32,int8,int8-qat] [--runs N] [--only demo|cwru]
 * Per case: test accuracy and the delta against float (targets: PTQ within 1.0 point, QAT
 * within 0.3), int8 weight bytes / float (target <= 0.27), single-window runtime latency of
 * int8 against float measured in the same process (target: no slower).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compressModel,
  loadModelData,
  type CompressResult,
  type VariantName,
} from '../src/compress/index.js';
import { compressSectionSchema } from '../src/config/compress-schema.js';
import { dataSectionSchema, type DataSection } from '../src/config/data-schema.js';
import { trainSectionSchema } from '../src/config/train-schema.js';
import { prepareData } from '../src/data/prepare.js';
import type { PresetName } from '../src/train/presets.js';
import { trainModel } from '../src/train/train-model.js';
import { textFlag } from './flags.js';

const epochs: Partial<Record<PresetName, number>> = {
  'lstm-tutorial': Number(textFlag('--lstm-epochs', '3')),
  'cnn1d-small': Number(textFlag('--cnn-epochs', '10')),
};
const qatEpochs = Number(textFlag('--qat-epochs', '1'));
const variants = textFlag('--variants', 'float32,int8,int8-qat').split(',') as VariantName[];
const runs = Number(textFlag('--runs', '100'));
const only = textFlag('--only', '');
const folder = await mkdtemp(join(tmpdir(), 'edgeforge-bench-compress-'));
const cwruFile = fileURLToPath(new URL('../../../shared/datasets/cwru_bearing/windows.csv', import.meta.url));

const datasets: { name: string; section: DataSection }[] = [
  {
    name: 'demo',
    section: dataSectionSchema.parse({
      file: join(folder, 'bearing.csv'),
      synthesize: { layout: 'wide', rows: 6000, length: 64, seed: 42, difficulty: 0.5, classes: 'binary' },
      label: 'fault_label',
      ignore: ['fault_name'],
      split: { train: 0.7, validation: 0.1, test: 0.2, seed: 42 },
      augment: { copies: 1, noise: 0.1, seed: 42 },
    }),
  },
  {
    name: 'cwru',
    section: dataSectionSchema.parse({
      file: cwruFile,
      layout: 'wide',
      label: 'fault_label',
      ignore: ['fault_name', 'segment'],
      // Segments 0-2 train (15 % of their windows validate), segment 3 tests: no overlap leaks.
      split: {
        train: 0.85,
        validation: 0.15,
        test: 0,
        seed: 42,
        rules: [{ column: 'segment', values: ['3'], split: 'test' }],
      },
    }),
  },
];

const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

function report(result: CompressResult): void {
  const byName = new Map(result.variants.map((v) => [v.name, v]));
  const float = byName.get('float32');
  for (const v of result.variants) {
    console.log(
      `  ${v.name.padEnd(16)} accuracy ${v.evaluation.accuracy.toFixed(4)}  F1 ${v.evaluation.f1.toFixed(4)}  Δ ${v.deltaPoints >= 0 ? '+' : ''}${v.deltaPoints.toFixed(2)} pts  weights ${v.weightBytes} B (${v.weightRatio.toFixed(3)}x)  arena ${v.arenaBytes} B  MACs ${v.macs}  latency ${v.latencyMs.toFixed(4)} ms`,
    );
  }
  const ptq = byName.get('int8');
  const qat = byName.get('int8-qat');
  // A variant that scores above float has lost nothing: the targets bound the loss.
  if (ptq) {
    console.log(
      `  PTQ loses <= 1.0 pt: ${verdict(ptq.deltaPoints >= -1)}; int8 bytes <= 0.27x: ${verdict(ptq.weightRatio <= 0.27)}`,
    );
  }
  if (qat) console.log(`  QAT loses <= 0.3 pt: ${verdict(qat.deltaPoints >= -0.3)}`);
  if (ptq && float) {
    console.log(
      `  int8 latency / float: ${(ptq.latencyMs / float.latencyMs).toFixed(2)} (no slower: ${verdict(ptq.latencyMs <= float.latencyMs)})`,
    );
  }
}

try {
  for (const { name, section } of datasets.filter((d) => !only || d.name === only)) {
    const prepared = await prepareData(section);
    console.log(
      `${name}: ${prepared.train.count} training windows of ${prepared.train.steps} x ${prepared.train.channels}, ${prepared.test.count} test, ${prepared.train.classes.length} classes`,
    );
    for (const preset of ['lstm-tutorial', 'cnn1d-small'] as const) {
      let started = performance.now();
      const model = await trainModel(
        prepared,
        trainSectionSchema.parse({ preset, epochs: epochs[preset], seed: 42, checkpoint: false }),
      );
      const trainSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const data = await loadModelData(model, section.file);
      const result = await compressModel(model, data, {
        settings: compressSectionSchema.parse({ variants, qat: { epochs: qatEpochs }, latencyRuns: runs }),
        out: join(folder, name, preset),
      });
      console.log(
        `${name} / ${preset}: trained ${epochs[preset]} epochs in ${trainSeconds.toFixed(0)} s, compressed in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      report(result);
    }
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}
