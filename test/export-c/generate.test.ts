/**
 * generateC and writeCLibrary as an API: a hand-computed int8 FULLY_CONNECTED (multiplier,
 * shift and outputs worked out by hand), the memory figures against hand-counted state, what
 * an int8 library may not include, the streaming call's presence, names, and the atomic write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdgeforgeError } from '../../src/errors.js';
import { generateC, writeCLibrary } from '../../src/export/c/index.js';
import { planMemory } from '../../src/graph/plan/index.js';
import { inferShapes } from '../../src/graph/shapes.js';
import { q, QuantGraph } from '../quant/int8-graph.js';
import { buildLibrary } from './c-build.js';
import { presetGraphs } from './reference-runs.js';

/** x [1, 2] (scale 1/2) · W [[1, 1], [2, -1]] (scale 1/4) + b [0, 4] (scale 1/8) -> y [1, 2] (scale 1). */
function handFullyConnected() {
  const g = new QuantGraph();
  const x = g.input([1, 2], q(0.5));
  const w = g.int8([2, 2], [1, 1, 2, -1], q(0.25));
  const b = g.int32([2], [0, 4], q(0.125));
  const y = g.tensor([1, 2], q(1));
  return g
    .op({
      type: 'FULLY_CONNECTED',
      inputs: [x, w, b],
      outputs: [y],
      options: { fusedActivation: 'NONE', keepNumDims: false },
    })
    .output(y)
    .build();
}

test('int8 FULLY_CONNECTED: the output scale 1/8 is multiplier 2^30 with shift -2, outputs rounded half away from zero', () => {
  const library = buildLibrary(handFullyConnected(), 'dense');
  try {
    assert.match(library.generated.files['dense.c'], /ef_mbqm\(acc, 1073741824, -2\)/);
    // [2, 4]: 6/8 = 0.75 -> 1 and (4 - 4 + 4)/8 = 0.5 -> 1; [-3, 5]: 2/8 -> 0 and (-6 - 5 + 4)/8 = -0.875 -> -1.
    assert.deepEqual(
      library.run('raw', [
        [2, 4],
        [-3, 5],
      ]),
      [
        [1, 1],
        [0, -1],
      ],
    );
  } finally {
    library.remove();
  }
});

test('the header states the planned arena and the hand-counted recurrent state', () => {
  const graph = presetGraphs('lstm-tutorial').int8('int8');
  const { files, arenaBytes } = generateC(graph, { name: 'tutorial' });
  const plan = planMemory(graph, inferShapes(graph, 1));
  assert.equal(arenaBytes, plan.arenaBytes);
  assert.match(files['tutorial.h'], new RegExp(`#define TUTORIAL_ARENA_BYTES ${plan.arenaBytes}\\n`));
  // LSTM(32): h 32 int8 + c 32 int16 = 96 bytes; LSTM(16) from offset 96: h 16 + c 32 -> 144.
  assert.match(files['tutorial.h'], /#define TUTORIAL_STATE_BYTES 144\n/);
  assert.match(files['tutorial.h'], /#define TUTORIAL_INPUT_COUNT 36\n/);
  assert.match(files['tutorial.h'], /#define TUTORIAL_CLASS_COUNT 3\n/);
  assert.match(files['tutorial.c'], /"class0", "class1", "class2"/);
  assert.match(files['tutorial.h'], /void tutorial_step\(const tutorial_input_t \*step_input/);
  assert.match(files['tutorial.h'], /#define TUTORIAL_STEP_INPUT_COUNT 3\n/);
});

test('an int8 library includes no stdio, heap or libm; weights are static const', () => {
  const int8 = generateC(presetGraphs('cnn1d-small').int8('int8'), { name: 'cnn' }).files['cnn.c'];
  for (const forbidden of ['stdio.h', 'stdlib.h', 'math.h', 'malloc', 'printf', 'exp(']) {
    assert.ok(!int8.includes(forbidden), `int8 library mentions ${forbidden}`);
  }
  assert.match(int8, /static const int8_t ef_const\d+\[\d+\] = \{/);
  const float = generateC(presetGraphs('cnn1d-small').float, { name: 'cnn' }).files;
  assert.match(float['cnn.c'], /#include <math.h>/);
  assert.match(float.Makefile, /LDLIBS = -lm/);
  assert.match(float['cnn.h'], /No cnn_step: the model has no recurrent layer/);
});

test('names that are not C identifiers are refused with the place and a fix', () => {
  const graph = handFullyConnected();
  for (const name of ['9lives', 'with-dash', '', 'ef_clash']) {
    assert.throws(
      () => generateC(graph, { name }),
      (error: unknown) =>
        error instanceof EdgeforgeError && error.place === 'C export name' && error.fix !== undefined,
      name,
    );
  }
});

test('writeCLibrary replaces the folder as a whole and leaves no temp files', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'edgeforge-c-write-'));
  try {
    const out = join(parent, 'lib');
    mkdirSync(out);
    writeFileSync(join(out, 'stale.c'), 'old');
    const { files } = await writeCLibrary(handFullyConnected(), out, { name: 'dense' });
    assert.deepEqual(readdirSync(out).sort(), Object.keys(files).sort());
    assert.deepEqual(readdirSync(out).sort(), ['Makefile', 'README.md', 'dense.c', 'dense.h', 'main.c']);
    assert.equal(readFileSync(join(out, 'dense.h'), 'utf8'), files['dense.h']);
    assert.deepEqual(readdirSync(parent), ['lib']);
    assert.ok(!existsSync(join(out, 'stale.c')));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('dsp: true turns the packed path on by default only where the core has the DSP instructions', () => {
  const graph = handFullyConnected();
  const dsp = generateC(graph, { name: 'dense', dsp: true }).files['dense.c'];
  assert.match(
    dsp,
    /#if !defined\(EDGEFORGE_USE_DSP\) && defined\(__ARM_FEATURE_SIMD32\)\n#define EDGEFORGE_USE_DSP 1\n#endif/,
  );
  assert.match(dsp, /__smlad/);
  const portable = generateC(graph, { name: 'dense' }).files['dense.c'];
  assert.ok(!portable.includes('#define EDGEFORGE_USE_DSP'));
});
