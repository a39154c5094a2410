/** The generated example program, its Makefile for a host build, and the README. */
import { cType, type LibraryModel } from './library-model.js';

/**
 * main.c: reads whitespace-separated numbers from stdin, one window after another, and prints
 * one line of outputs per window. Modes: "float" (raw readings through <name>_invoke_float,
 * the default), "raw" (model-input values through <name>_invoke), "continue" (<name>_invoke_continue),
 * "step" (each window fed through <name>_step from reset state, printing the last step's output).
 */
export function exampleMain(m: LibraryModel): string {
  const n = m.name;
  const u = m.upper;
  const readInput =
    m.inputType === 'int8'
      ? `static int read_input(${n}_input_t *value) {
  int number;
  if (scanf("%d", &number) != 1) return 0;
  *value = (${n}_input_t)number;
  return 1;
}`
      : `static int read_input(${n}_input_t *value) {
  return scanf("%f", value) == 1;
}`;
  const printOne =
    m.outputType === 'int8'
      ? 'printf("%s%d", i ? " " : "", (int)output[i]);'
      : 'printf("%s%.9g", i ? " " : "", (double)output[i]);';
  const streaming = 'stepInputCount' in m.streaming;
  return `/* Example and test driver for ${n}: see README.md. Host only (stdio); the library itself needs none. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "${n}.h"

static int read_floats(float *values, int32_t count) {
  int32_t i;
  for (i = 0; i < count; i++) {
    if (scanf("%f", &values[i]) != 1) return 0;
  }
  return 1;
}

${readInput}

static int read_inputs(${n}_input_t *values, int32_t count) {
  int32_t i;
  for (i = 0; i < count; i++) {
    if (!read_input(&values[i])) return 0;
  }
  return 1;
}

static void print_floats(const float *output) {
  int32_t i;
  for (i = 0; i < ${u}_OUTPUT_COUNT; i++) printf("%s%.9g", i ? " " : "", (double)output[i]);
  printf("\\n");
}

static void print_outputs(const ${n}_output_t *output) {
  int32_t i;
  for (i = 0; i < ${u}_OUTPUT_COUNT; i++) ${printOne}
  printf("\\n");
}

int main(int argc, char **argv) {
  static float raw[${u}_INPUT_COUNT];
  static float scores[${u}_OUTPUT_COUNT];
  static ${n}_input_t input[${u}_INPUT_COUNT];
  static ${n}_output_t output[${u}_OUTPUT_COUNT];
  const char *mode = argc > 1 ? argv[1] : "float";
#if defined(${u}_EXTERNAL_ARENA)
  static uint8_t arena[${u}_ARENA_BYTES + 16];
  void *buffer = (void *)(((uintptr_t)arena + 15u) & ~(uintptr_t)15u);
#else
  void *buffer = 0;
#endif
  if (${n}_init(buffer) != 0) return 2;
  if (strcmp(mode, "float") == 0) {
    while (read_floats(raw, ${u}_INPUT_COUNT)) {
      ${n}_invoke_float(raw, scores);
      print_floats(scores);
    }
    return 0;
  }
  while (read_inputs(input, ${u}_INPUT_COUNT)) {
    if (strcmp(mode, "raw") == 0) {
      ${n}_invoke(input, output);
    } else if (strcmp(mode, "continue") == 0) {
      ${n}_invoke_continue(input, output);
${
  streaming
    ? `    } else if (strcmp(mode, "step") == 0) {
      int32_t t;
      ${n}_reset_state();
      for (t = 0; t < ${u}_INPUT_COUNT; t += ${u}_STEP_INPUT_COUNT) ${n}_step(input + t, output);
`
    : ''
}    } else {
      fprintf(stderr, "unknown mode %s (use float, raw, continue${streaming ? ' or step' : ''})\\n", mode);
      return 2;
    }
    print_outputs(output);
  }
  return 0;
}
`;
}

export function makefile(m: LibraryModel): string {
  return `# Host build of the ${m.name} example: make && ./example < windows.txt
CC ?= cc
CFLAGS ?= -std=c99 -O2 -Wall -Wextra -pedantic
LDLIBS = ${m.libm ? '-lm' : ''}

example: main.c ${m.name}.c ${m.name}.h
\t$(CC) $(CFLAGS) -o $@ main.c ${m.name}.c $(LDLIBS)

clean:
\trm -f example

.PHONY: clean
`;
}

export function readme(m: LibraryModel): string {
  const n = m.name;
  const u = m.upper;
  return `# ${n}: generated C for ${m.source}

Two files make the library: \`${n}.h\` and \`${n}.c\` (C99; no heap, no stdio${m.libm ? '' : ', no libm'}).
\`${u}_ARENA_BYTES\` = ${m.arenaBytes} bytes of activations plus \`${u}_STATE_BYTES\` = ${m.stateBytes}
bytes of recurrent state, both static; weights are \`static const\` and stay in flash.
Estimated flash: ${m.flashBytes} bytes (\`${u}_FLASH_BYTES\`; the linker map has the exact figure).
Model hash \`0x${m.hash}\` (CRC-32 of the .efg the library was generated from).

\`\`\`c
#include "${n}.h"

${cType(m.inputType)} input[${u}_INPUT_COUNT];   /* one window, model-input units */
${cType(m.outputType)} output[${u}_OUTPUT_COUNT];
${n}_init(0);
${n}_invoke(input, output);            /* or ${n}_invoke_float(raw_floats, float_scores) */
\`\`\`

\`${n}_invoke_float\` takes raw sensor readings, applies the training scaler and the input
quantization, and returns float outputs. \`${n}_invoke_continue\` carries recurrent state from
the previous window; \`${n}_reset_state\` clears it.${
    'stepInputCount' in m.streaming
      ? ` \`${n}_step\` streams one time step (${m.streaming.stepInputCount} values) at a time.`
      : ` Streaming one step at a time is not available: ${m.streaming.reason}.`
  }

Options (define when compiling \`${n}.c\`):
- \`EDGEFORGE_USE_DSP\`: int8 dot products through the Cortex-M DSP extension (SXTAB16 + SMLAD, two
  16-bit multiply-accumulates per instruction); same results as the portable code. Libraries
  generated with the DSP option define it themselves on cores that have the instructions.
${
  m.floatKernels
    ? `- \`EDGEFORGE_FLOAT_SINGLE\`: float kernels sum in float and call expf instead of summing in double
  (as edgeforge's runtime does, which the default build matches within 1e-5); much faster on FPUs
  without double precision (Cortex-M4F, M33), differences around 1e-7.
`
    : ''
}- \`${u}_EXTERNAL_ARENA\`: no static arena; pass your own buffer of \`${u}_ARENA_BYTES\`
  (16-byte aligned) to \`${n}_init\`.

## Host build

\`make && ./example < windows.txt\` reads windows of ${m.inputCount} numbers and prints one output
line per window (\`./example raw\` for model-input values${'stepInputCount' in m.streaming ? ', `./example step` to stream them' : ''}).

## Adding it to a firmware project

- **STM32CubeIDE**: copy \`${n}.c\` to \`Core/Src\` and \`${n}.h\` to \`Core/Inc\`; call
  \`${n}_init(0)\` after the HAL init and \`${n}_invoke\` in your loop. Add \`EDGEFORGE_USE_DSP\` under
  Project > Properties > C/C++ Build > Settings > MCU GCC Compiler > Preprocessor on Cortex-M4/M7/M33.${
    m.libm ? ' Link the math library (m under Libraries).' : ''
  }
- **PlatformIO**: put both files in \`lib/${n}/src/\` (or \`src/\`); add
  \`build_flags = -DEDGEFORGE_USE_DSP\` to \`platformio.ini\` for Cortex-M cores with DSP.
- **Zephyr**: add \`${n}.c\` with \`target_sources(app PRIVATE ${n}.c)\` and the folder with
  \`target_include_directories(app PRIVATE .)\` in \`CMakeLists.txt\`;
  \`zephyr_compile_definitions(EDGEFORGE_USE_DSP)\` for DSP-capable cores.
- **Arduino**: copy both files into the sketch folder, \`#include "${n}.h"\` in the .ino
  (the header is C, wrapped in \`extern "C"\`); call \`${n}_init(0)\` in \`setup()\`.
`;
}
