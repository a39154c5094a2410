/**
 * The int8 UNIDIRECTIONAL_SEQUENCE_LSTM (TFLite Micro's integer path) on one unit over two
 * steps, every stage worked out by hand: gate pre-activations in Q3.12, TFLite's int16
 * logistic/tanh tables (sigmoid_table_uint16, entries named below), products rescaled to the
 * cell (scale 2^-11) and to the int8 hidden state (scale 2^-7).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { q, QuantGraph, runOne } from './int8-graph.js';

function lstm(x: number[], cellClip: number): number[] {
  const g = new QuantGraph();
  const input = g.input([1, x.length, 1], q(2 ** -7));
  // Input weights (scale 2^-6) per gate i, f, c, o: 0.5, 1.0, -1.0, 0.25; recurrent (2^-5): 2.0 on i only.
  const w = [32, 64, -64, 16].map((value) => g.int8([1, 1], [value], q(2 ** -6)));
  const u = [64, 0, 0, 0].map((value) => g.int8([1, 1], [value], q(2 ** -5)));
  // Biases at scale 2^-13: the forget gate's 8192 is 1.0.
  const b = [0, 8192, 0, 0].map((value) => g.int32([1], [value], q(2 ** -13)));
  const hidden = g.tensor([1, 1], q(2 ** -7), 'int8', { variable: true });
  const cell = g.tensor([1, 1], q(2 ** -11), 'int16', { variable: true });
  const out = g.tensor([1, x.length, 1], q(2 ** -7));
  g.op({
    type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
    inputs: [input, ...w, ...u, -1, -1, -1, ...b, -1, -1, hidden, cell, -1, -1, -1, -1],
    outputs: [out],
    options: { fusedActivation: 'TANH', cellClip, projClip: 0, timeMajor: false },
  });
  return runOne(g.output(out).build(), [x]);
}

test('int8 LSTM: two steps through gates, cell and hidden state', () => {
  // Step 1, x = 64 (0.5), h = 0, c = 0. Input products rescale by 2^-7·2^-6/2^-12 = 1/2:
  //   i: 32·64 = 2048 -> 1024 (0.25);  ·3 = 3072 = table[6] exactly: (36843·512 + 512) >>> 10 = 18422
  //   f: 64·64 + 8192 = 12288 -> 6144 (1.5);  18432 = table[36]: (53581·512 + 512) >>> 10 = 26791
  //   g: -4096 -> -2048 (-0.5);  tanh: 6144 = 256·table index 24: (-47911·256 + 2^23 + 127) >> 8 = -15143
  //   o: 1024 -> 512 (0.125);  1536 = table[3]: (34813·512 + 512) >>> 10 = 17406
  //   c = f·0 + i·g rescaled by 2^-30/2^-11 = 2^-19: 18422·(-15143) = -278964346 -> -139482173 -> / 2^18 -> -532
  //   tanh(c) at 2^-11 (input ·6): 3192 = 12·256 + 120: 40794·256 + 120·(41432 - 40794) = 10519824,
  //     (-10519824 + 2^23 + 127) >> 8 = -8325
  //   h = tanh(c)·o rescaled by 2^-30/2^-7 = 2^-23: -8325·17406 = -144904950 -> -72452475 -> / 2^22 -> -17
  // Step 2, x = 0, h = -17: the recurrent product on i is 64·(-17) = -1088, rescaled by
  //   2^-7·2^-5/2^-12 = 1 (shift left 1, then ·1/2): -1088.
  //   i: logistic(-1088): 3264 = 6·512 + 192: 36843·512 + 192·670 = 18992256, (2^25 - 18992256 + 511) >>> 10 = 14221
  //   f: 8192 -> 4096 (1.0): 23956;  g: tanh(0) = 0;  o: logistic(0) = 16384
  //   c = f·c rescaled by 2^-15: 23956·(-532) = -12744592 -> -6372296 -> / 2^14 -> -389;  + i·0
  //   tanh(-389): 2334 = 9·256 + 30: 38841·256 + 30·657 = 9963006, (-9963006 + 2^23 + 127) >> 8 = -6150
  //   h = -6150·16384 = -100761600 -> -50380800 -> / 2^22 -> -12
  assert.deepEqual(lstm([64, 0], 0), [-17, -12]);
});

test('int8 LSTM: the cell clip bounds the cell state in its own units', () => {
  // Clip 0.1 / 2^-11 = 204.8 -> 204: c = -532 becomes -204.
  //   tanh(-204): 1224 = 4·256 + 200: 35493·256 + 200·676 = 9221408, (-9221408 + 2^23 + 127) >> 8 = -3253
  //   h = -3253·17406 = -56621718 -> -28310859 -> / 2^22 = -6.7498 -> -7
  assert.deepEqual(lstm([64], 0.1), [-7]);
});
