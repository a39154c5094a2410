/**
 * The Cortex-M4 harness on hand-written C kernels whose outputs and costs are known:
 * results checked against the same math done here, instruction counts against the loop's
 * length. Needs arm-none-eabi-gcc and qemu-system-arm (.ci/run installs them).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EdgeforgeError } from '../../src/errors.js';
import { runOnCortexM4 } from '../../src/bench/mcu/index.js';

/** acc = bias + sum_i input[i] * (i - 32) over 64 int8 inputs; the bias is set by init. */
const dot = {
  name: 'dot',
  files: {
    'dot.h':
      '#include <stdint.h>\nint dot_init(void *arena);\nvoid dot_invoke(const int8_t *input, int32_t *output);\n',
    'dot.c': `#include "dot.h"
static int32_t bias;
int dot_init(void *arena) { (void)arena; bias = 7; return 0; }
void dot_invoke(const int8_t *input, int32_t *output) {
  int32_t acc = bias;
  for (int i = 0; i < 64; i++) acc += input[i] * (i - 32);
  output[0] = acc;
}
`,
    'main.c': 'int main(void) { return 1; } /* an example main: the harness must not compile it */\n',
  },
};

function expectedDot(window: number[]): number {
  return window.reduce((sum, value, i) => sum + value * (i - 32), 7);
}

test('an int8 kernel runs on the emulated Cortex-M4 with known outputs, cost and footprint', async () => {
  const windows = [
    Array.from({ length: 64 }, (_, i) => i - 32),
    Array.from({ length: 64 }, () => 1),
    Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 127 : -128)),
  ];
  const result = await runOnCortexM4(
    dot,
    { dtype: 'int8', windows },
    { output: { dtype: 'int32', length: 1 }, profile: true },
  );
  // sum_{k=-32}^{31} k^2 + 7 = 21863; sum_{k=-32}^{31} k + 7 = -25
  assert.deepEqual(
    result.outputs.map((output) => output[0]),
    [21863, -25, expectedDot(windows[2])],
  );
  assert.equal(result.outputs[2][0], expectedDot(windows[2]));
  // 25 MHz timer, one instruction per ns: exactly 40 instructions per tick
  assert.equal(result.instructionsPerTick, 40);
  // 64 iterations of load, multiply-accumulate, increment, compare, branch: ~5 x 64 plus a few
  for (const count of result.instructionsPerWindow) assert.ok(count >= 280 && count <= 440, `${count}`);
  // the kernel saves two registers at most; init is a leaf
  assert.ok(result.stackBytes > 0 && result.stackBytes <= 16, `stack ${result.stackBytes}`);
  // one int32 of state; a few dozen bytes of Thumb-2 code
  assert.equal(result.ramBytes, 4);
  assert.ok(result.flashBytes >= 30 && result.flashBytes <= 120, `flash ${result.flashBytes}`);
  assert.ok(result.symbols.some((symbol) => symbol.name === 'dot_invoke' && symbol.memory === 'flash'));
  assert.equal(result.image.flashBytes - result.baseline.flashBytes, result.flashBytes);
  // the traced run: 5 instructions per iteration in dot_invoke plus its prologue and epilogue
  const invoke = result.functions?.find((cost) => cost.name === 'dot_invoke');
  assert.ok(
    invoke !== undefined && invoke.instructions >= 320 && invoke.instructions <= 340,
    JSON.stringify(result.functions),
  );
  // init ran before the windows, so it is not part of the per-inference profile
  assert.equal(
    result.functions?.find((cost) => cost.name === 'dot_init'),
    undefined,
  );
});

test('a float kernel with libm and the FPU returns bit-exact IEEE results and counts a longer loop', async () => {
  const library = {
    name: 'softplus',
    files: {
      'softplus.h': 'void softplus_invoke(const float *input, float *output);\n',
      'softplus.c': `#include <math.h>
#include "softplus.h"
/* sum of x*x over 200 inputs, then log1pf(expf(sum / 200)) */
void softplus_invoke(const float *input, float *output) {
  float sum = 0.0f;
  for (int i = 0; i < 200; i++) sum += input[i] * input[i];
  output[0] = sum;
  output[1] = log1pf(expf(sum / 200.0f));
}
`,
    },
  };
  const window = Array.from({ length: 200 }, (_, i) => Math.fround((i - 100) / 64));
  const result = await runOnCortexM4(
    library,
    { dtype: 'float32', windows: [window] },
    {
      output: { dtype: 'float32', length: 2 },
      binding: { header: 'softplus.h', invoke: 'softplus_invoke(input, output);' },
    },
  );
  // every product and partial sum is exact in float32 ((i-100)/64 has few mantissa bits)
  let sum = 0;
  for (const value of window) sum = Math.fround(sum + Math.fround(value * value));
  assert.equal(result.outputs[0][0], sum);
  const softplus = Math.log1p(Math.exp(sum / 200));
  // newlib's expf and log1pf are each within about an ulp: a few float32 ulps in all
  assert.ok(
    Math.abs(result.outputs[0][1] - softplus) <= 5e-7 * softplus,
    `${result.outputs[0][1]} vs ${softplus}`,
  );
  // 200 iterations of ~4 instructions plus expf/log1pf: more than 800, far below 10k
  assert.ok(result.instructionsPerInference > 800 && result.instructionsPerInference < 10_000);
  // expf and log1pf came from libm and are the library's cost, not the harness's
  assert.ok(result.symbols.some((symbol) => symbol.name === 'expf'));
  assert.ok(result.flashBytes > 200);
});

test('a faulting library and bad inputs fail with errors that say what happened', async () => {
  const crash = {
    name: 'crash',
    files: {
      'crash.h':
        '#include <stdint.h>\nint crash_init(void *arena);\nvoid crash_invoke(const int8_t *input, int8_t *output);\n',
      'crash.c': `#include "crash.h"
int crash_init(void *arena) { (void)arena; return 0; }
/* 0xF0000000 is unmapped on mps2-an386: a bus fault */
void crash_invoke(const int8_t *input, int8_t *output) { output[0] = input[0] + *(volatile int8_t *)0xF0000000u; }
`,
    },
  };
  const options = { output: { dtype: 'int8' as const, length: 1 } };
  await assert.rejects(runOnCortexM4(crash, { dtype: 'int8', windows: [[1]] }, options), (error: unknown) => {
    assert.ok(error instanceof EdgeforgeError);
    assert.match(error.message, /stopped after 0 window\(s\): the firmware hit a fault/);
    return true;
  });
  await assert.rejects(
    runOnCortexM4(crash, { dtype: 'int8', windows: [[1], [300]] }, options),
    (error: unknown) => {
      assert.ok(error instanceof EdgeforgeError);
      assert.equal(error.place, 'input window 1, element 0');
      return true;
    },
  );
  await assert.rejects(
    runOnCortexM4(crash, { dtype: 'int8', windows: [[1]] }, { ...options, defines: ['-o/etc/passwd'] }),
    (error: unknown) => error instanceof EdgeforgeError && error.place === 'options.defines',
  );
  const broken = { name: 'broken', files: { 'broken.h': '', 'broken.c': 'int broken_invoke( {' } };
  await assert.rejects(
    runOnCortexM4(broken, { dtype: 'int8', windows: [[1]] }, options),
    /Cross-compiling broken/,
  );
});
