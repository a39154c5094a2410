/**
 * Every preset, float and int8: the generated library compiles under gcc -std=c99 -Wall
 * -Wextra -Werror -pedantic, and its outputs equal the edgeforge runtime's, bit for bit for
 * int8 (the runtime follows TFLite's reference arithmetic) and within 1e-5 for float. The float
 * convenience call applies a non-trivial scaler and the input/output (de)quantization; the
 * recurrent presets also stream step by step and window after window.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Graph } from '../../src/graph/types.js';
import { scaleWindow } from '../../src/runtime/preprocess.js';
import { PRESET_NAMES, type PresetName } from '../../src/train/presets.js';
import { buildLibrary } from './c-build.js';
import {
  channelScaler,
  inputWindows,
  presetGraphs,
  runtimeOutputs,
  streamOutputs,
  worstDifference,
} from './reference-runs.js';

const FLOAT_TOLERANCE = 1e-5;
const RECURRENT: readonly PresetName[] = ['lstm-tutorial', 'gru-small'];

/** Which libraries stream step by step: the int8 GRU is unrolled into builtins (no state tensor). */
function streams(preset: PresetName, kind: 'float' | 'int8'): boolean {
  return preset === 'lstm-tutorial' || (preset === 'gru-small' && kind === 'float');
}

function assertMatches(kind: 'float' | 'int8', got: number[][], expected: number[][], what: string): void {
  assert.equal(got.length, expected.length, `${what}: one output line per window`);
  if (kind === 'int8') assert.deepEqual(got, expected, what);
  else
    assert.ok(
      worstDifference(got, expected) <= FLOAT_TOLERANCE,
      `${what}: ${worstDifference(got, expected)}`,
    );
}

function checkPreset(preset: PresetName, kind: 'float' | 'int8'): void {
  const graphs = presetGraphs(preset);
  const graph: Graph = kind === 'float' ? graphs.float : graphs.int8('int8');
  const preprocessing = channelScaler(graph, 3);
  // -O2, as firmware is built: strict aliasing and inlining on the arena's typed views.
  const library = buildLibrary(graph, 'model', { preprocessing, flags: ['-O2'] });
  try {
    const windows = inputWindows(graph, 16, 100);
    assertMatches(kind, library.run('raw', windows), runtimeOutputs(graph, windows), 'invoke');

    // Raw readings around the scaler's centers: the runtime gets them scaled (and, for int8, its
    // float-I/O graph quantizes and dequantizes with the same parameters as the C library).
    const raw = inputWindows(graphs.float, 6, 200).map((window) => window.map((x) => 3 * x + 1));
    const scaled = raw.map((window) => {
      const out = new Float32Array(window.length);
      scaleWindow(preprocessing, Float32Array.from(window), out);
      return Array.from(out);
    });
    const floatGraph = kind === 'float' ? graph : graphs.int8('float');
    const fromFloat = library.run('float', raw).map((row) => row.map(Math.fround));
    assertMatches(kind, fromFloat, runtimeOutputs(floatGraph, scaled), 'invoke_float');

    if (RECURRENT.includes(preset)) {
      const stream = windows.slice(0, 4);
      assertMatches(kind, library.run('continue', stream), streamOutputs(graph, stream), 'invoke_continue');
    }
    assert.equal(library.generated.files['model.h'].includes('void model_step('), streams(preset, kind));
    if (streams(preset, kind)) {
      assertMatches(kind, library.run('step', windows), runtimeOutputs(graph, windows), 'step');
    }
  } finally {
    library.remove();
  }
}

for (const preset of PRESET_NAMES) {
  test(`${preset} float: the generated C equals the runtime within 1e-5`, () => checkPreset(preset, 'float'));
}

for (const preset of PRESET_NAMES) {
  test(`${preset} int8: the generated C equals the runtime bit for bit`, () => checkPreset(preset, 'int8'));
}
