/**
 * Test support: preset graphs (untrained, seeded weights; float and int8), windows for them,
 * and what the edgeforge runtime outputs for those windows (the reference the generated C
 * must reproduce).
 */
import { lowerModel } from '../../src/graph/lower/index.js';
import type { Graph, Preprocessing } from '../../src/graph/types.js';
import { calibrate } from '../../src/quant/calibrate/index.js';
import { quantizeGraph } from '../../src/quant/ptq/index.js';
import { Interpreter } from '../../src/runtime/interpreter.js';
import type { PresetName } from '../../src/train/presets.js';
import { Random } from '../../src/util/random.js';
import { presetModel, randomInputs } from '../graph/model-fixtures.js';

export const STEPS = 12;
export const CHANNELS = 3;
export const WINDOW = STEPS * CHANNELS;

export interface PresetGraphs {
  float: Graph;
  /** int8 inside, int8 input and output. */
  int8: (io: 'int8' | 'float') => Graph;
}

export function presetGraphs(preset: PresetName, classes = 3): PresetGraphs {
  const float = lowerModel(presetModel(preset, STEPS, CHANNELS, classes).model);
  const ranges = calibrate(float, randomInputs(40 * WINDOW, 11), 40, { method: 'minmax' });
  return { float, int8: (io) => quantizeGraph(float, ranges, { io }) };
}

/** Model-input windows: floats N(0, 1), or for an int8 input those quantized plus two saturated windows. */
export function inputWindows(graph: Graph, count: number, seed: number): number[][] {
  const values = randomInputs(count * WINDOW, seed);
  const windows = Array.from({ length: count }, (_, w) =>
    Array.from(values.subarray(w * WINDOW, (w + 1) * WINDOW)),
  );
  const input = graph.tensors[graph.inputs[0]];
  if (input.dtype !== 'int8') return windows;
  const { scale, zeroPoint } = {
    scale: input.quantization!.scale[0],
    zeroPoint: input.quantization!.zeroPoint[0],
  };
  const quantized = windows.map((window) =>
    window.map((x) => Math.max(-128, Math.min(127, Math.round(x / scale) + zeroPoint))),
  );
  return [...quantized, new Array<number>(WINDOW).fill(-128), new Array<number>(WINDOW).fill(127)];
}

/** The runtime's outputs, all windows in one batch (each window independent). */
export function runtimeOutputs(graph: Graph, windows: readonly (readonly number[])[]): number[][] {
  const interpreter = new Interpreter(graph, { batch: windows.length });
  const input = interpreter.inputData();
  windows.forEach((window, w) => input.set(window, w * window.length));
  interpreter.invoke();
  const output = Array.from(interpreter.outputData());
  const size = output.length / windows.length;
  return windows.map((_, w) => output.slice(w * size, (w + 1) * size));
}

/** The runtime's outputs for consecutive windows of one stream (state carried over). */
export function streamOutputs(graph: Graph, windows: readonly (readonly number[])[]): number[][] {
  const interpreter = new Interpreter(graph);
  return windows.map((window) => {
    interpreter.inputData().set(window);
    interpreter.stepSequence();
    return Array.from(interpreter.outputData());
  });
}

/** A per-channel scaler that changes every value (so invoke_float must apply it). */
export function channelScaler(graph: Graph, seed: number): Preprocessing {
  const random = new Random(seed);
  const base = graph.metadata.preprocessing!;
  return {
    ...base,
    scaler: {
      method: 'standard',
      per: 'channel',
      steps: STEPS,
      channels: CHANNELS,
      center: Array.from({ length: CHANNELS }, () => random.uniform(-3, 3)),
      scale: Array.from({ length: CHANNELS }, () => random.uniform(0.5, 4)),
    },
  };
}

/** Largest absolute difference between two equally shaped lists of rows. */
export function worstDifference(a: readonly number[][], b: readonly number[][]): number {
  let worst = 0;
  a.forEach((row, r) => row.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - b[r][i])))));
  return worst;
}
