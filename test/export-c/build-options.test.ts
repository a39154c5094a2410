/**
 * The library's build options give the same answers: under AddressSanitizer and UBSan (no
 * out-of-bounds access, no signed overflow or bad shift anywhere in the int8 arithmetic), and
 * with the packed DSP dot product (EDGEFORGE_USE_DSP; on the host its intrinsics have portable
 * stand-ins, so the packing itself is checked) plus a caller-provided arena; and float kernels
 * in single precision (EDGEFORGE_FLOAT_SINGLE) stay within the float tolerance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PresetName } from '../../src/train/presets.js';
import { buildLibrary } from './c-build.js';
import { inputWindows, presetGraphs, runtimeOutputs, worstDifference } from './reference-runs.js';

function checkBuild(preset: PresetName, flags: string[], modes: string[]): void {
  const graph = presetGraphs(preset).int8('int8');
  const library = buildLibrary(graph, 'model', { flags });
  try {
    const windows = inputWindows(graph, 8, 300);
    const expected = runtimeOutputs(graph, windows);
    for (const mode of modes) assert.deepEqual(library.run(mode, windows), expected, `${preset} ${mode}`);
  } finally {
    library.remove();
  }
}

test('lstm-tutorial int8 runs clean under -fsanitize=address,undefined with the same outputs', () => {
  checkBuild('lstm-tutorial', ['-fsanitize=address,undefined', '-fno-sanitize-recover=all'], ['raw', 'step']);
});

test('the packed DSP dot products and an external arena give identical int8 outputs', () => {
  // lstm-tutorial runs both packed kernels: the four-gate product and the FULLY_CONNECTED dot.
  checkBuild('lstm-tutorial', ['-DEDGEFORGE_USE_DSP', '-DMODEL_EXTERNAL_ARENA'], ['raw', 'step']);
});

test('EDGEFORGE_FLOAT_SINGLE (float sums, expf) stays within 1e-5 of the runtime on lstm-tutorial float', () => {
  const graph = presetGraphs('lstm-tutorial').float;
  const library = buildLibrary(graph, 'model', { flags: ['-DEDGEFORGE_FLOAT_SINGLE'] });
  try {
    const windows = inputWindows(graph, 8, 301);
    const worst = worstDifference(library.run('raw', windows), runtimeOutputs(graph, windows));
    assert.ok(worst <= 1e-5, `worst difference ${worst}`);
    assert.match(library.generated.files['model.c'], /typedef float ef_acc_t;\n#define EF_EXP expf/);
  } finally {
    library.remove();
  }
});
