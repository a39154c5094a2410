// AssemblyScript: the header the float convolution kernels read at `h`, i32 fields at these byte
// offsets: the contract with src/runtime/wasm/conv-float-layout.ts, which writes it at creation.

export const BATCH: usize = 0;
export const IN_H: usize = 4;
export const IN_W: usize = 8;
export const CHANNELS: usize = 12;
export const PADDED_H: usize = 16;
export const PADDED_W: usize = 20;
export const PAD_TOP: usize = 24;
export const PAD_LEFT: usize = 28;
export const OUT_H: usize = 32;
export const OUT_W: usize = 36;
/** Output channels: CONV_2D's filters, DEPTHWISE_CONV_2D's channels × multiplier. */
export const FILTERS: usize = 40;
export const KERNEL_H: usize = 44;
export const KERNEL_W: usize = 48;
export const STRIDE_H: usize = 52;
export const STRIDE_W: usize = 56;
export const DILATION_H: usize = 60;
export const DILATION_W: usize = 64;
export const ACTIVATION: usize = 68;
export const WEIGHTS_AT: usize = 72;
export const BIAS_AT: usize = 76;
export const PADDED_AT: usize = 80;
export const INPUT_AT: usize = 84;
export const OUTPUT_AT: usize = 88;
/** Copies of each input channel in the padded input (DEPTHWISE_CONV_2D's multiplier, else 1). */
export const MULTIPLIER: usize = 92;
/** Values per position of the padded input (≥ channels × multiplier, rounded up for vectors). */
export const PADDED_DEPTH: usize = 96;
/** 32 bytes where a partial vector block of outputs is staged before its real lanes are copied. */
export const STAGING: usize = 112;
