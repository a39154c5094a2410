// AssemblyScript: the fused activations the float convolution kernels apply in WebAssembly,
// each equal to src/runtime/kernels/float/activation.ts on every float32 (NaN and -0 included).
// TANH is not here: its TypeScript approximation runs on the kernel's output instead.

/** Activation codes: the contract with src/runtime/wasm/conv-float.ts. */
export const ACTIVATION_NONE: i32 = 0;
export const ACTIVATION_RELU: i32 = 1;
export const ACTIVATION_RELU6: i32 = 2;
export const ACTIVATION_RELU_N1_TO_1: i32 = 3;

/** Four float32 values through the activation `code` (NONE passes them through). */
export function activate(v: v128, code: i32): v128 {
  // x > 0 ? x : 0 maps NaN and -0 to +0, as the mask does.
  if (code == ACTIVATION_RELU) return v128.and(v, f32x4.gt(v, f32x4.splat(0)));
  // min/max propagate NaN and order -0 below +0, as Math.min / Math.max do.
  if (code == ACTIVATION_RELU6) return f32x4.min(f32x4.max(v, f32x4.splat(0)), f32x4.splat(6));
  if (code == ACTIVATION_RELU_N1_TO_1) return f32x4.min(f32x4.max(v, f32x4.splat(-1)), f32x4.splat(1));
  return v;
}
