import type { InspectReport, TensorRef } from '../commands/inspect.js';
import type { Quantization } from '../../graph/types.js';
import { textTable } from './table.js';

const count = (value: number) => value.toLocaleString('en-US');
const shape = (dims: number[]) => `[${dims.join(',')}]`;
const refs = (tensors: TensorRef[]) => tensors.map((ref) => `${ref.name} ${shape(ref.shape)}`).join(', ');

function quantizationText(quantization: Quantization | undefined): string {
  if (quantization === undefined) return '-';
  if (quantization.axis !== undefined)
    return `per-channel, axis ${quantization.axis} (${quantization.scale.length} scales)`;
  return `scale ${quantization.scale[0]!.toPrecision(4)}, zero point ${quantization.zeroPoint[0]}`;
}

function summaryLines(report: InspectReport): string[] {
  const { metadata } = report;
  const lines = [`${report.file}: ${FORMAT_NAMES[report.format]}`];
  lines.push(`source: ${metadata.source}`);
  const classes = metadata.classes.length > 0 ? `, classes: ${metadata.classes.join(', ')}` : '';
  lines.push(`task: ${metadata.task}${classes}`);
  const pre = metadata.preprocessing;
  if (pre) {
    lines.push(
      `preprocessing: ${pre.layout} layout, ${pre.steps} steps × ${pre.channels} channels (${pre.channelNames.join(', ')}), ` +
        `scaler ${pre.scaler.method} per ${pre.scaler.per}` +
        (pre.window ? `, windows of ${pre.window.length} every ${pre.window.stride}` : ''),
    );
  } else lines.push('preprocessing: none recorded (a foreign model)');
  if (metadata.anomaly) {
    lines.push(
      `anomaly threshold: ${metadata.anomaly.threshold.toPrecision(4)} (normal class '${metadata.anomaly.normalClass}')`,
    );
  }
  if (metadata.notes) {
    lines.push(
      `notes: ${Object.entries(metadata.notes)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(', ')}`,
    );
  }
  return lines;
}

function planLines(report: InspectReport): string[] {
  const plan = report.plan;
  if (!plan) return [];
  const name = (tensor: number) => report.tensors[tensor]!.name;
  const rows: (string | number)[][] = plan.entries
    .slice()
    .sort((a, b) => a.offset - b.offset || a.firstOp - b.firstOp)
    .map((entry) => [
      entry.offset,
      entry.bytes,
      `${entry.firstOp === -1 ? 'input' : entry.firstOp}..${entry.lastOp}`,
      name(entry.tensor),
      entry.aliasOf === undefined ? '' : `shares ${name(entry.aliasOf)}`,
    ]);
  for (const scratch of plan.scratch)
    rows.push([
      scratch.offset,
      scratch.bytes,
      `${scratch.op}..${scratch.op}`,
      `(scratch of op ${scratch.op})`,
      '',
    ]);
  const lines = ['', `arena plan (batch ${report.batch}, offsets aligned to ${report.memory.alignment}):`];
  lines.push(textTable(['offset', 'bytes', 'ops', 'tensor', ''], rows));
  if (plan.variables.length > 0) {
    lines.push('', 'state region (kept across invocations):');
    lines.push(
      textTable(
        ['offset', 'bytes', 'tensor'],
        plan.variables.map((entry) => [entry.offset, entry.bytes, name(entry.tensor)]),
      ),
    );
  }
  return lines;
}

/** The human view of `edgeforge inspect`. */
const FORMAT_NAMES = {
  model: 'trained model, lowered to a deploy graph',
  graph: 'deploy graph',
  tflite: 'TensorFlow Lite flatbuffer, imported as a deploy graph',
} as const;

export function formatInspectReport(report: InspectReport): string {
  const { stats, memory } = report;
  const byDtype = Object.entries(stats.weightBytesByDtype)
    .map(([dtype, bytes]) => `${dtype} ${count(bytes)}`)
    .join(', ');
  const lines = [
    ...summaryLines(report),
    '',
    `ops (shapes at batch ${report.batch}):`,
    textTable(
      ['#', 'op', 'inputs', 'outputs', 'activation', 'MACs'],
      report.ops.map((op) => {
        const extras = [
          op.constants > 0 ? `+${op.constants} const` : '',
          op.state > 0 ? `+${op.state} state` : '',
        ]
          .filter(Boolean)
          .join(' ');
        return [
          op.index,
          op.type,
          `${refs(op.inputs)}${extras ? ` ${extras}` : ''}`,
          refs(op.outputs),
          op.activation ?? '-',
          op.macs,
        ];
      }),
    ),
    '',
    'tensors:',
    textTable(
      ['#', 'name', 'shape', 'dtype', 'quantization', 'kind', 'bytes'],
      report.tensors.map((tensor) => [
        tensor.index,
        tensor.name,
        shape(tensor.shape),
        tensor.dtype,
        quantizationText(tensor.quantization),
        tensor.kind,
        tensor.bytes,
      ]),
    ),
    '',
    `parameters: ${count(stats.parameters)}`,
    `MACs per inference: ${count(stats.macs)} (plus ${count(stats.elementOps)} elementwise operations)`,
    `weight bytes: ${count(stats.weightBytes)}${byDtype ? ` (${byDtype})` : ''}`,
    `arena: ${count(memory.arenaBytes)} bytes at batch ${report.batch}` +
      (memory.variableBytes > 0 ? `, plus ${count(memory.variableBytes)} bytes of recurrent state` : ''),
    ...planLines(report),
  ];
  return lines.join('\n');
}
