/** Build and measure C libraries on an emulated Cortex-M4 (QEMU mps2-an386). */
export {
  runOnCortexM4,
  type CLibrary,
  type McuInputs,
  type McuOptions,
  type McuResult,
} from './run-on-cortex-m4.js';
export type { McuArray, McuDtype } from './c-arrays.js';
export type { McuBinding } from './runner-source.js';
export type { ImageSize, SymbolSize } from './image.js';
export { CORTEX_M4_FLAGS } from './image.js';
export { missingTools, TOOLCHAIN_PACKAGES } from './toolchain.js';
export { QEMU_MACHINE } from './emulator.js';
export { graphIo, type McuIo } from './graph-io.js';
export type { FunctionCost } from './profile.js';
