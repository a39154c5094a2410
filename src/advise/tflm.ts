/**
 * TensorFlow Lite Micro on a microcontroller, estimated from our generated C on the same
 * emulated Cortex-M4. The only common ground is trained_lstm_int8.tflite: TFLM's figures in
 * ../shared/tflite-reference/README.md, and our portable C (what the c-cortex-m4 bench cell
 * runs) measured on the same QEMU board with runOnCortexM4. Instructions scale by the ratio;
 * flash, RAM and stack grow by the difference (the interpreter, kernels and tensor metadata
 * TFLM adds). The same model, built with the generated C's DSP path, scales the C on cores
 * that have the DSP extension. One model is a thin basis: the results are estimates and say so.
 */
import type { McuDevice } from './devices.js';

/** Our generated C, portable (no DSP define), trained_lstm_int8.tflite on QEMU mps2-an386. */
const OUR_C = { flash: 13_688, ram: 1_744, stack: 168, instructions: 721_180 };
/** The same model with EDGEFORGE_USE_DSP (generateC's dsp option): packed int8 multiply-accumulates. */
const OUR_C_DSP = { flash: 13_852, ram: 1_744, stack: 172, instructions: 520_980 };

interface TflmFigures {
  kernels: 'CMSIS-NN' | 'reference';
  flash: number;
  ram: number;
  stack: number;
  instructions: number;
}

const TFLM_CMSIS_NN: TflmFigures = {
  kernels: 'CMSIS-NN',
  flash: 72_088,
  ram: 4_640,
  stack: 1_436,
  instructions: 575_320,
};
const TFLM_REFERENCE: TflmFigures = {
  kernels: 'reference',
  flash: 55_416,
  ram: 3_808,
  stack: 948,
  instructions: 1_643_316,
};

export interface McuFootprint {
  flashBytes: number;
  ramBytes: number;
  stackBytes: number;
  instructionsPerInference: number;
}

export interface TflmEstimate extends McuFootprint {
  kernels: TflmFigures['kernels'];
  basis: string;
}

/**
 * The generated C as a DSP-capable core would build it (dsp: true). The bench cell runs the
 * portable build; the packed path only changes int8 kernels, so float variants keep the count.
 */
export function estimateGeneratedC(
  c: McuFootprint,
  device: McuDevice,
  int8: boolean,
): McuFootprint & { basis: string } {
  if (!device.dsp || !int8) return { ...c, basis: 'generated C (portable build, as measured)' };
  const ratio = OUR_C_DSP.instructions / OUR_C.instructions;
  return {
    flashBytes: c.flashBytes + (OUR_C_DSP.flash - OUR_C.flash),
    ramBytes: c.ramBytes,
    stackBytes: c.stackBytes + (OUR_C_DSP.stack - OUR_C.stack),
    instructionsPerInference: Math.round(c.instructionsPerInference * ratio),
    basis:
      `generated C with dsp: true: measured instructions x ${ratio.toFixed(3)} ` +
      `(${OUR_C_DSP.instructions.toLocaleString('en-US')} / ${OUR_C.instructions.toLocaleString('en-US')} on trained_lstm_int8)`,
  };
}

/** CMSIS-NN's fast kernels need the DSP extension; other cores get TFLM's reference kernels. */
function tflmKernels(device: McuDevice): TflmFigures {
  return device.dsp ? TFLM_CMSIS_NN : TFLM_REFERENCE;
}

export function estimateTflm(c: McuFootprint, device: McuDevice): TflmEstimate {
  const tflm = tflmKernels(device);
  const ratio = tflm.instructions / OUR_C.instructions;
  return {
    kernels: tflm.kernels,
    flashBytes: c.flashBytes + (tflm.flash - OUR_C.flash),
    ramBytes: c.ramBytes + (tflm.ram - OUR_C.ram),
    stackBytes: c.stackBytes + (tflm.stack - OUR_C.stack),
    instructionsPerInference: Math.round(c.instructionsPerInference * ratio),
    basis:
      `TFLM ${tflm.kernels} kernels: generated-C instructions x ${ratio.toFixed(3)} ` +
      `(${tflm.instructions.toLocaleString('en-US')} / ${OUR_C.instructions.toLocaleString('en-US')} on trained_lstm_int8), ` +
      `flash +${tflm.flash - OUR_C.flash} B, RAM +${tflm.ram - OUR_C.ram} B, stack +${tflm.stack - OUR_C.stack} B`,
  };
}
