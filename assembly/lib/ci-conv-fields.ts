// AssemblyScript: the parameter block of the int8 window kernels (CONV_2D, FULLY_CONNECTED,
// DEPTHWISE_CONV_2D): i32 fields at these byte offsets, written by src/runtime/wasm/conv-int8.ts
// and depthwise-conv-int8.ts.

export const INPUT: usize = 0;
export const BATCH: usize = 4;
export const HEIGHT: usize = 8;
export const ROW_VALUES: usize = 12;
export const WIDEN_AT: usize = 16;
export const ROW_PITCH: usize = 20;
export const BATCH_PITCH: usize = 24;
export const INPUT_ZERO_POINT: usize = 28;
export const OUT_ROWS: usize = 32;
export const OUT_COLS: usize = 36;
export const WINDOW_ROW_STEP: usize = 40;
export const WINDOW_COL_STEP: usize = 44;
export const WEIGHTS: usize = 48;
export const GROUPS: usize = 52;
/** Filter rows (or taps, with column dilation); for DEPTHWISE_CONV_2D, the taps. */
export const SEGMENTS: usize = 56;
export const PAIRS: usize = 60;
export const SEGMENT_OFFSETS: usize = 64;
export const STAGE: usize = 68;
export const OUTPUT: usize = 72;
export const FILTERS: usize = 76;
export const OUTPUT_ZERO_POINT: usize = 80;
export const MIN: usize = 84;
export const MAX: usize = 88;
export const PADDED: usize = 92;
/** DEPTHWISE_CONV_2D only: output channels per input channel. */
export const MULTIPLIER: usize = 96;
