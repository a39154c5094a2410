/**
 * TensorFlow Lite Micro on a microcontroller, estimated from our generated C on the same
 * emulated Cortex-M4. The only common ground is trained_lstm_int8.tflite: TFLM's figures in
 * ../shared/tflite-reference/README.md, and our portable C (what the c-cortex-m4 bench cell
 * runs) measured on the same QEMU board with runOnCortexM4. Instructions scale by the ratio;
 * flash, RAM and stack grow by the difference (the interpreter, kernels and tensor metadata
 * TFLM adds). One model is a thin basis: the result is an estimate and says so.
 */
import type { McuDevice } from './devices.js';

/** Our generated C, portable (no DSP define), trained_lstm_int8.tflite on QEMU mps2-an386. */
const OUR_C = { flash: 13_688, ram: 1_744, stack: 168, instructions: 721_180 };

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

/** CMSIS-NN's fast kernels need the DSP extension; other cores get TFLM's reference kernels. */
export function tflmKernels(device: McuDevice): TflmFigures {
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
