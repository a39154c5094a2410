import { test } from 'node:test';
import assert from 'node:assert/strict';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerPredict } from '../../src/cli/commands/predict.js';
import { dataSectionSchema } from '../../src/config/data-schema.js';
import { trainSectionSchema } from '../../src/config/train-schema.js';
import { ingest } from '../../src/data/ingest.js';
import { prepareData } from '../../src/data/prepare.js';
import { applyScaler } from '../../src/data/scale.js';
import { writeSynthetic } from '../../src/data/synth/index.js';
import { EdgeforgeError } from '../../src/errors.js';
import { encodeGraph } from '../../src/graph/format.js';
import { lowerModel } from '../../src/graph/lower/index.js';
import { evaluate } from '../../src/train/evaluate.js';
import { instantiate, saveModel, type TrainedModel } from '../../src/train/model-file.js';
import type { PresetName } from '../../src/train/presets.js';
import { trainModel } from '../../src/train/train-model.js';
import { runCli, tempDir } from './helpers.js';

/** Runs `edgeforge predict ...` on the command module alone; errors are thrown, not printed. */
async function predict(...argv: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const program = new Command().exitOverride();
  registerPredict(program, {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    interactive: false,
  });
  program.commands.forEach((command) =>
    command.exitOverride().configureOutput({ writeErr: () => undefined }),
  );
  await program.parseAsync(['predict', ...argv], { from: 'user' });
  return { out, err };
}

async function failure(...argv: string[]): Promise<EdgeforgeError> {
  try {
    await predict(...argv);
  } catch (error) {
    assert.ok(error instanceof EdgeforgeError, String(error));
    return error;
  }
  assert.fail('expected the command to fail');
}

interface Table {
  header: string[];
  rows: string[][];
  column(name: string): string[];
}

async function readTable(file: string): Promise<Table> {
  const [head, ...lines] = (await readFile(file, 'utf8')).trimEnd().split('\n');
  const header = head.split(',');
  const rows = lines.map((line) => line.split(','));
  return {
    header,
    rows,
    column: (name) => {
      const at = header.indexOf(name);
      assert.ok(at >= 0, `no column ${name} in ${header.join(',')}`);
      return rows.map((row) => row[at]);
    },
  };
}

/** Trains `preset` for one epoch on `file` and saves model.json beside it. */
async function trained(
  dir: string,
  file: string,
  preset: PresetName,
  window?: { length: number; stride: number },
): Promise<{ path: string; model: TrainedModel }> {
  const prepared = await prepareData(dataSectionSchema.parse({ file, label: 'fault_label', window }));
  const model = await trainModel(
    prepared,
    trainSectionSchema.parse({ preset, epochs: 1, checkpoint: false, seed: 3 }),
  );
  const path = join(dir, `${preset}.json`);
  await saveModel(path, model);
  return { path, model };
}

/** The trainer's own outputs (evaluate()) on the windows the data stage cuts from `file` with the model's settings. */
async function trainerOutputs(
  model: TrainedModel,
  file: string,
): Promise<{ outputs: Float32Array; count: number; dropped: number }> {
  const pre = model.preprocessing;
  const { data, report } = await ingest({
    file,
    layout: pre.layout,
    label: pre.labelColumn,
    features: pre.featureColumns,
    window: pre.window && { length: pre.window.length, stride: pre.window.stride, label: 'last' },
  });
  const scaled = { ...data, x: applyScaler(pre.scaler, data.x), classes: pre.classes };
  return {
    outputs: evaluate(instantiate(model), scaled, model.task).outputs,
    count: data.count,
    dropped: report.rowsDropped,
  };
}

function assertClose(actual: number[], expected: ArrayLike<number>, tolerance: number): void {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  assert.ok(worst <= tolerance, `max abs diff ${worst} > ${tolerance}`);
}

test('wide binary: the CSV holds probabilities that match the trainer, and the printed accuracy is theirs', async () => {
  const dir = await tempDir();
  const data = join(dir, 'wide.csv');
  await writeSynthetic(data, { rows: 300, length: 16, seed: 4, missingRate: 0.02 });
  const { path, model } = await trained(dir, data, 'mlp');
  const out = join(dir, 'scored.csv');
  const result = JSON.parse((await predict(path, data, '--out', out, '--json', '--batch', '7')).out);

  const reference = await trainerOutputs(model, data);
  assert.equal(result.windows, reference.count);
  assert.equal(result.rowsDropped, reference.dropped);
  assert.ok(result.rowsDropped > 0);
  const table = await readTable(out);
  assert.deepEqual(table.header, ['index', 'row', 'label', 'p_0', 'p_1', 'predicted']);
  const p1 = table.column('p_1').map(Number);
  assertClose(p1, reference.outputs, 1e-5);
  table.column('p_0').forEach((p0, i) => assert.ok(Math.abs(Number(p0) + p1[i] - 1) < 1e-6));
  // The predicted class is the written probability's (above 0.5), and the accuracy is counted from the file.
  const predicted = table.column('predicted');
  assert.deepEqual(
    predicted,
    p1.map((p) => (p > 0.5 ? '1' : '0')),
  );
  const labels = table.column('label');
  const correct = labels.filter((label, i) => label === predicted[i]).length;
  assert.equal(result.metrics.report.accuracy, correct / labels.length);
  const truePositives = labels.filter((label, i) => label === '1' && predicted[i] === '1').length;
  const f1 =
    (2 * truePositives) /
    (labels.filter((l) => l === '1').length + predicted.filter((p) => p === '1').length);
  assert.ok(Math.abs(result.metrics.report.binaryF1 - f1) < 1e-12);
  // Data rows are numbered from 1 in file order; dropped rows leave gaps.
  const rows = table.column('row').map(Number);
  assert.ok(rows.every((row, i) => i === 0 || row > rows[i - 1]));
  assert.equal(rows.length + result.rowsDropped, 300);
  assert.ok(rows.at(-1)! <= 300);

  // The human report prints the same accuracy; the .efg graph scores identically.
  const human = await predict(path, data, '--out', join(dir, 'again.csv'));
  assert.match(
    human.out,
    new RegExp(`accuracy ${(correct / labels.length).toFixed(4)}, F1 ${f1.toFixed(4)}`),
  );
  assert.match(human.out, /confusion matrix \(rows: true, columns: predicted\):/);
  const graphFile = join(dir, 'model.efg');
  await writeFile(graphFile, encodeGraph(lowerModel(model, path)));
  await predict(graphFile, data, '--out', join(dir, 'graph.csv'));
  assert.equal(await readFile(join(dir, 'graph.csv'), 'utf8'), await readFile(out, 'utf8'));

  // Streaming the same rows predicts the same classes; rows with a missing cell are reported and skipped.
  const streamed = await predict(path, '--stream', '--input', data);
  const lines = streamed.out
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { class: string; index: number });
  assert.deepEqual(
    lines.map((line) => line.class),
    predicted,
  );
  assert.equal(
    streamed.err.match(/edgeforge: warning: .*: line \d+: .* is not a finite number; skipped\./g)?.length,
    result.rowsDropped,
  );
});

test('long multiclass Parquet: windows per recording as the data stage cuts them, probabilities as the trainer', async () => {
  const dir = await tempDir();
  const data = join(dir, 'long.parquet');
  await writeSynthetic(data, {
    layout: 'long',
    rows: 2400,
    length: 200,
    classes: 'multiclass',
    seed: 2,
    missingRate: 0,
  });
  const window = { length: 32, stride: 16 };
  const { path, model } = await trained(dir, data, 'cnn1d-small', window);
  const out = join(dir, 'scored.csv');
  const result = JSON.parse((await predict(path, data, '--out', out, '--json')).out);
  const reference = await trainerOutputs(model, data);
  assert.equal(result.windows, reference.count);
  const table = await readTable(out);
  assert.deepEqual(table.header, [
    'index',
    'start_row',
    'recording',
    'start_time',
    'label',
    'p_0',
    'p_1',
    'p_2',
    'p_3',
    'predicted',
  ]);
  const probabilities = table.rows.flatMap((row) => row.slice(5, 9).map(Number));
  assertClose(probabilities, reference.outputs, 1e-5);
  // Recordings of 200 rows: windows start at rows 1, 17, ..., 161 (11 per recording), then 201, ...
  const starts = table.column('start_row').map(Number);
  assert.deepEqual(starts.slice(0, 3), [1, 17, 33]);
  assert.equal(starts[10], 161);
  assert.equal(starts[11], 201);
  assert.equal(result.windows, 12 * 11);
  const recordings = table.column('recording');
  assert.equal(recordings[0], recordings[10]);
  assert.notEqual(recordings[10], recordings[11]);
  const predicted = table.column('predicted');
  const labels = table.column('label');
  assert.equal(
    result.metrics.report.accuracy,
    labels.filter((label, i) => label === predicted[i]).length / labels.length,
  );
});

test('autoencoder: reconstruction errors as the trainer computes them, flagged above the threshold', async () => {
  const dir = await tempDir();
  const data = join(dir, 'ae.csv');
  await writeSynthetic(data, { rows: 240, length: 16, seed: 6, missingRate: 0 });
  const { path, model } = await trained(dir, data, 'autoencoder');
  const out = join(dir, 'scored.csv');
  const result = JSON.parse((await predict(path, data, '--out', out, '--json')).out);
  const reference = await trainerOutputs(model, data);
  const table = await readTable(out);
  assert.deepEqual(table.header, ['index', 'row', 'label', 'error', 'anomaly']);
  const errors = table.column('error').map(Number);
  assertClose(errors, reference.outputs, 1e-5);
  const threshold = model.anomaly!.threshold;
  assert.deepEqual(
    table.column('anomaly'),
    Array.from(reference.outputs, (error) => (error > threshold ? '1' : '0')),
  );
  assert.equal(result.anomaly.flagged, errors.filter((error) => error > threshold).length);
  assert.deepEqual(
    result.metrics.report.classes.map((entry: { name: string }) => entry.name),
    ['normal', 'anomaly'],
  );
});

test('bad input: missing or wrong model files, data without the model columns, unlabelled data, wrong usage', async () => {
  const dir = await tempDir();
  const data = join(dir, 'w.csv');
  await writeSynthetic(data, { rows: 120, length: 8, seed: 1, missingRate: 0 });
  const { path } = await trained(dir, data, 'mlp');

  assert.match(
    (await failure(join(dir, 'nope.json'), data)).oneLine(),
    /nope\.json: model file not found or not readable/,
  );
  assert.match(
    (await failure(data, data)).oneLine(),
    /w\.csv: is neither an edgeforge model \(model\.json\), a deploy graph \(\.efg\) nor a \.tflite file/,
  );
  const notModel = join(dir, 'other.json');
  await writeFile(notModel, '{"name": "x"}');
  assert.match((await failure(notModel, data)).oneLine(), /other\.json: is not a readable edgeforge model/);

  // Column s3 removed: the error names it and the model's columns, and no output file appears.
  const text = await readFile(data, 'utf8');
  const withoutS3 = text
    .split('\n')
    .map((line) =>
      line
        .split(',')
        .filter((_, i) => i !== 3)
        .join(','),
    )
    .join('\n');
  const partial = join(dir, 'partial.csv');
  await writeFile(partial, withoutS3);
  const out = join(dir, 'never.csv');
  const missing = await failure(path, partial, '--out', out);
  assert.equal(
    missing.oneLine(),
    `${partial}: header: column 's3' is missing: the model reads 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'. Score data with the columns the model was trained on.`,
  );
  await assert.rejects(access(out));

  // Without the label column: predictions, no metrics.
  const unlabelled = join(dir, 'unlabelled.csv');
  await writeFile(
    unlabelled,
    text
      .split('\n')
      .map((line) => line.split(',').slice(0, 8).join(','))
      .join('\n'),
  );
  const result = JSON.parse((await predict(path, unlabelled, '--json')).out);
  assert.equal(result.metrics, undefined);
  assert.equal(result.out, join(dir, 'unlabelled.predictions.csv'));
  const table = await readTable(result.out);
  assert.deepEqual(table.header, ['index', 'row', 'p_0', 'p_1', 'predicted']);
  assert.equal(table.rows.length, 120);

  // Through the CLI entry: a usage error prints one line and exits with code 2.
  const usage = await runCli('predict', path);
  assert.equal(usage.code, 2);
  assert.equal(
    usage.err,
    'edgeforge: error: no data to score. Pass a CSV or Parquet file, or --stream to read readings live.\n',
  );
  assert.equal((await failure(path, data, '--stream')).exitCode, 2);
  assert.equal((await failure(path, '--follow', '--stream')).exitCode, 2);
  assert.equal((await failure(path, data, '--stride', '2')).exitCode, 2);
});
