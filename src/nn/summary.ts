/** Per-layer output shapes and parameter counts, as data and as Keras-like text. */
import type { Layer } from './layer.js';
import { sizeOf, type FloatArray, type Shape } from './tensor.js';

export interface LayerSummary {
  name: string;
  type: string;
  outputShape: number[];
  trainableParams: number;
  /** Non-trainable state values (BatchNorm moving statistics). */
  stateValues: number;
}

export interface ModelSummary {
  inputShape: number[];
  layers: LayerSummary[];
  trainableParams: number;
  stateValues: number;
}

/** `shapes[0]` is the input shape, `shapes[i + 1]` layer i's output shape. */
export function summarize<A extends FloatArray>(
  layers: readonly Layer<A>[],
  shapes: readonly Shape[],
): ModelSummary {
  const rows = layers.map((layer, index) => ({
    name: layer.name,
    type: layer.type,
    outputShape: [...shapes[index + 1]],
    trainableParams: layer.params().reduce((total, weight) => total + sizeOf(weight.shape), 0),
    stateValues: layer.states().reduce((total, state) => total + sizeOf(state.shape), 0),
  }));
  return {
    inputShape: [...shapes[0]],
    layers: rows,
    trainableParams: rows.reduce((total, row) => total + row.trainableParams, 0),
    stateValues: rows.reduce((total, row) => total + row.stateValues, 0),
  };
}

export function formatSummary(summary: ModelSummary): string {
  const table = [
    ['layer', 'type', 'output shape', 'params'],
    ...summary.layers.map((row) => [
      row.name,
      row.type,
      `[batch, ${row.outputShape.join(', ')}]`,
      String(row.trainableParams + row.stateValues),
    ]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  const lines = table.map((cells) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  lines.push(
    `input [batch, ${summary.inputShape.join(', ')}]; trainable params ${summary.trainableParams}; ` +
      `non-trainable ${summary.stateValues}`,
  );
  return lines.join('\n');
}
