import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InspectReport } from '../../src/cli/commands/inspect.js';
import { lowerAndSave } from '../../src/graph/lower/save.js';
import { saveModel } from '../../src/train/model-file.js';
import { presetModel } from '../graph/model-fixtures.js';
import { runCli, tempDir } from './helpers.js';

function inspect(...argv: string[]): ReturnType<typeof runCli> {
  return runCli('inspect', ...argv);
}

async function mlpFiles(): Promise<{ json: string; efg: string; dir: string }> {
  const dir = await tempDir('edgeforge-inspect-');
  const { model } = presetModel('mlp', 16, 3, 3);
  const json = join(dir, 'model.json');
  const efg = join(dir, 'model.efg');
  await saveModel(json, model);
  await lowerAndSave(model, json, efg);
  return { json, efg, dir };
}

test('inspect --json on model.json and on the .efg written beside it: ops, tensors, counts and memory', async () => {
  const { json, efg } = await mlpFiles();
  const fromModel = await inspect(json, '--json');
  assert.equal(fromModel.code, 0, fromModel.err);
  const report = JSON.parse(fromModel.out) as InspectReport;
  assert.equal(report.format, 'model');
  assert.deepEqual(
    report.ops.map((op) => [op.type, op.activation ?? '-', op.inputs.map((ref) => ref.name), op.constants]),
    [
      ['RESHAPE', '-', ['input'], 1],
      ['FULLY_CONNECTED', 'RELU', ['flatten_1/output'], 2],
      ['FULLY_CONNECTED', 'RELU', ['dense_1/output'], 2],
      ['FULLY_CONNECTED', 'NONE', ['dense_2/output'], 2],
      ['SOFTMAX', '-', ['dense_3/linear'], 0],
    ],
  );
  // 48·64 + 64 + 64·32 + 32 + 32·3 + 3 parameters; 48·64 + 64·32 + 32·3 MACs.
  assert.equal(report.stats.parameters, 5315);
  assert.equal(report.stats.macs, 5216);
  assert.equal(report.stats.weightBytes, 5315 * 4);
  const input = report.tensors.find((tensor) => tensor.name === 'input')!;
  assert.deepEqual([input.kind, input.shape, input.bytes], ['input', [1, 16, 3], 192]);
  const kernel = report.tensors.find((tensor) => tensor.name === 'dense_1/kernel')!;
  assert.deepEqual(
    [kernel.kind, kernel.shape, kernel.dtype, kernel.bytes],
    ['constant', [64, 48], 'float32', 64 * 48 * 4],
  );
  assert.equal(report.tensors.at(-1)!.kind, 'output');
  // The first Dense holds its input (192 B) and output (256 B) at once; all activations sum to 192+256+128+16+16 aligned.
  assert.ok(
    report.memory.arenaBytes >= 448 && report.memory.arenaBytes <= 608,
    `arena ${report.memory.arenaBytes}`,
  );
  assert.equal(report.memory.variableBytes, 0);
  assert.equal(report.plan, undefined);

  const fromGraph = await inspect(efg, '--json');
  assert.equal(fromGraph.code, 0, fromGraph.err);
  const graphReport = JSON.parse(fromGraph.out) as InspectReport;
  assert.equal(graphReport.format, 'graph');
  assert.deepEqual(graphReport.ops, report.ops);
  assert.deepEqual(graphReport.tensors, report.tensors);
  assert.deepEqual(graphReport.stats, report.stats);
  assert.deepEqual(graphReport.metadata, report.metadata);
});

test('inspect prints the summary, op list, tensor table and totals; --plan and --batch', async () => {
  const { efg } = await mlpFiles();
  const human = await inspect(efg);
  assert.equal(human.code, 0, human.err);
  for (const line of [
    `${efg}: deploy graph`,
    'task: multiclass, classes: class0, class1, class2',
    'preprocessing: wide layout, 16 steps × 3 channels (ch0, ch1, ch2), scaler none per feature',
    'parameters: 5,315',
    'MACs per inference: 5,216 (plus 3 elementwise operations)',
    'weight bytes: 21,260 (float32 21,260)',
  ]) {
    assert.ok(human.out.includes(line), `missing "${line}" in:\n${human.out}`);
  }
  assert.match(
    human.out,
    /1 {2}FULLY_CONNECTED +flatten_1\/output \[1,48\] \+2 const +dense_1\/output \[1,64\] +RELU +3072/,
  );
  assert.match(human.out, /dense_1\/kernel +\[64,48\] +float32 +- +constant +12288/);

  const planned = await inspect(efg, '--plan', '--batch', '4', '--json');
  assert.equal(planned.code, 0, planned.err);
  const report = JSON.parse(planned.out) as InspectReport;
  assert.equal(report.batch, 4);
  assert.deepEqual(report.ops[1]!.outputs[0]!.shape, [4, 64]);
  assert.equal(report.tensors[0]!.bytes, 4 * 192);
  // Live ranges that overlap in time never overlap in the arena (shared in-place blocks aside).
  const entries = report.plan!.entries.filter((entry) => entry.aliasOf === undefined);
  for (const a of entries) {
    assert.ok(a.offset + a.bytes <= report.memory.arenaBytes);
    for (const b of entries) {
      if (a === b || a.lastOp < b.firstOp || b.lastOp < a.firstOp) continue;
      assert.ok(
        a.offset + a.bytes <= b.offset || b.offset + b.bytes <= a.offset,
        `${a.tensor} overlaps ${b.tensor}`,
      );
    }
  }
  const planText = await inspect(efg, '--plan');
  assert.match(planText.out, /arena plan \(batch 1, offsets aligned to 16\):/);
  assert.match(planText.out, /\n +\d+ +192 +input\.\.0 +input\n/);
  assert.match(planText.out, /\n +\d+ +192 +0\.\.1 +flatten_1\/output +shares input\n/);
});

test('recurrent state shows in the plan; the train command writes model.efg that inspect reads', async () => {
  const dir = await tempDir('edgeforge-inspect-');
  const data = join(dir, 'd.csv');
  assert.equal(
    (await runCli('data', 'synth', '--out', data, '--rows', '200', '--length', '16', '--seed', '2')).code,
    0,
  );
  const run = await runCli(
    'train',
    '--data',
    data,
    '--preset',
    'gru-small',
    '--epochs',
    '1',
    '--out',
    dir,
    '--json',
  );
  assert.equal(run.code, 0, run.err);
  const result = JSON.parse(run.out) as { graph: string };
  assert.equal(result.graph, join(dir, 'model.efg'));
  const planned = await inspect(result.graph, '--plan');
  assert.equal(planned.code, 0, planned.err);
  // One GRU state [1, 24] float32.
  assert.match(planned.out, /plus 96 bytes of recurrent state/);
  assert.match(planned.out, /state region \(kept across invocations\):\n.*\n +0 +96 +gru_1\/state/);
});

test('bad input: a missing file, a non-model, a damaged graph and a bad --batch', async () => {
  const { efg, dir } = await mlpFiles();
  const missing = await inspect(join(dir, 'nope.json'));
  assert.equal(missing.code, 1);
  assert.equal(missing.err.trim().split('\n').length, 1);
  assert.match(missing.err, /nope\.json: model file not found or not readable/);

  const csv = join(dir, 'data.csv');
  await writeFile(csv, 'a,b\n1,2\n');
  assert.match(
    (await inspect(csv)).err,
    /data\.csv: is neither an edgeforge model \(model\.json\), a deploy graph \(\.efg\) nor a \.tflite file/,
  );

  const bytes = await readFile(efg);
  bytes[bytes.length - 1]! ^= 0xff;
  const damaged = join(dir, 'damaged.efg');
  await writeFile(damaged, bytes);
  const corrupt = await inspect(damaged);
  assert.equal(corrupt.code, 1);
  assert.match(corrupt.err, /damaged\.efg: checksum mismatch/);

  const notAModel = join(dir, 'other.json');
  await writeFile(notAModel, '{"hello": 1}');
  assert.match((await inspect(notAModel)).err, /other\.json: is not a readable edgeforge model/);
  assert.equal((await inspect(efg, '--batch', '0')).code, 2);
});

test('inspect reads a foreign .tflite file: ops, int8 tensors with quantization, arena', async () => {
  const { code, out, err } = await inspect(
    '../shared/tflite-reference/micro_speech_quantized.tflite',
    '--json',
  );
  assert.equal(code, 0, err);
  const report = JSON.parse(out) as InspectReport;
  assert.equal(report.format, 'tflite');
  assert.deepEqual(
    report.ops.map((op) => op.type),
    ['RESHAPE', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED', 'SOFTMAX'],
  );
  const output = report.tensors.find((tensor) => tensor.name === 'labels_softmax')!;
  assert.equal(output.dtype, 'int8');
  assert.ok(report.memory.arenaBytes > 0);
});
