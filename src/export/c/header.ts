/** The library's public header: the documented API, sizes and model identity as macros. */
import { cComment, cString } from './c-syntax.js';
import { cType, GENERATOR_VERSION, type LibraryModel } from './library-model.js';

export function headerFile(m: LibraryModel): string {
  const n = m.name;
  const u = m.upper;
  const streaming =
    'stepInputCount' in m.streaming
      ? `
/* Values per time step for ${n}_step: one reading of every channel. */
#define ${u}_STEP_INPUT_COUNT ${m.streaming.stepInputCount}

/*
 * Streaming: feeds one time step (${u}_STEP_INPUT_COUNT model-input values, already scaled /
 * quantized as for ${n}_invoke) and writes the output for the window that ends with this step,
 * carrying the recurrent state from the previous call. Call ${n}_reset_state() at the start of
 * a stream: after ${u}_INPUT_COUNT / ${u}_STEP_INPUT_COUNT steps from reset the output equals
 * ${n}_invoke's on that window.
 */
void ${n}_step(const ${n}_input_t *step_input, ${n}_output_t *output);
`
      : `
/* No ${n}_step: ${cComment(m.streaming.reason)}. Use ${n}_invoke_continue for consecutive windows. */
`;
  const floatNote =
    m.preprocessing === undefined
      ? 'The model carries no scaler: raw values go to the network unscaled.'
      : `Applies the training scaler (x - center) / scale per ${m.preprocessing.scaler.per} first.`;
  return `/*
 * ${n}.h: ${cComment(m.source)}, compiled to C by edgeforge (generator version ${GENERATOR_VERSION}).
 * Self-contained C99: no heap, no stdio${m.libm ? '' : ', no libm'}. All working memory is one static arena of
 * ${u}_ARENA_BYTES (or a buffer you provide, see ${n}_init) plus ${u}_STATE_BYTES of recurrent state.
 * Not reentrant: one inference at a time.
 */
#ifndef ${u}_H
#define ${u}_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ${u}_MODEL_HASH 0x${m.hash}u
#define ${u}_MODEL_SOURCE ${cString(m.source)}
#define ${u}_GENERATOR_VERSION ${GENERATOR_VERSION}

/* Activation arena and recurrent state, exactly as planned for this model. */
#define ${u}_ARENA_BYTES ${m.arenaBytes}
#define ${u}_STATE_BYTES ${m.stateBytes}
/* Estimate of flash: constant data (weights, tables) plus kernel code; link to measure exactly. */
#define ${u}_FLASH_BYTES ${m.flashBytes}

/* Model input and output element counts (one window; ${m.inputType} in, ${m.outputType} out). */
#define ${u}_INPUT_COUNT ${m.inputCount}
#define ${u}_OUTPUT_COUNT ${m.outputCount}

/* Task ${cComment(m.task)}: output index -> class name (empty when the model names none). */
#define ${u}_CLASS_COUNT ${m.classes.length}
extern const char *const ${n}_class_names[${Math.max(m.classes.length, 1)}];

typedef ${cType(m.inputType)} ${n}_input_t;
typedef ${cType(m.outputType)} ${n}_output_t;

/*
 * Prepares the library and zeroes the recurrent state; returns 0. Built with
 * -D${u}_EXTERNAL_ARENA, the arena is yours: pass ${u}_ARENA_BYTES bytes aligned to 16
 * (returns -1 for a null or misaligned buffer). Otherwise pass 0 (the static arena is used).
 */
int ${n}_init(void *arena);

/* One independent window: zeroes the recurrent state, then runs the model. */
void ${n}_invoke(const ${n}_input_t *input, ${n}_output_t *output);

/* The next window of one stream: runs the model continuing from the current recurrent state. */
void ${n}_invoke_continue(const ${n}_input_t *input, ${n}_output_t *output);

/*
 * One independent window of raw sensor readings (${u}_INPUT_COUNT floats, step-major):
 * ${floatNote}
 * ${m.inputType === 'int8' ? 'Quantizes to the int8 input as TFLite does; ' : ''}${m.outputType === 'int8' ? 'dequantizes the int8 output' : 'writes the float output'} to ${u}_OUTPUT_COUNT floats.
 */
void ${n}_invoke_float(const float *raw, float *output);

/* Zeroes the recurrent state (LSTM/GRU hidden and cell values); nothing to do for other models. */
void ${n}_reset_state(void);
${streaming}
#ifdef __cplusplus
}
#endif

#endif /* ${u}_H */
`;
}
