/**
 * The generated C library on the emulated Cortex-M4 (QEMU mps2-an386, src/bench/mcu): flash,
 * static RAM, stack and instructions per inference. Emulated time is not device time, so the
 * cell has no latency; the advisor turns instructions into device latency.
 */
import { generateC } from '../../export/c/index.js';
import { graphIo, missingTools, QEMU_MACHINE, runOnCortexM4, TOOLCHAIN_PACKAGES } from '../mcu/index.js';
import { decodeOutput, encodeInput, windowSize } from '../io-codec.js';
import { refusedAsUnsupported, UnsupportedVariant, type Runner } from './context.js';
import { libraryName } from './c-native.js';

export const cortexM4Runner: Runner = async (context) => {
  const missing = await missingTools();
  if (missing.length > 0) {
    throw new UnsupportedVariant(
      `the Cortex-M4 toolchain is missing (${missing.join(', ')}): apt-get install ${TOOLCHAIN_PACKAGES}`,
    );
  }
  const { graph, job, variant } = context;
  const name = libraryName(variant.name);
  const io = await refusedAsUnsupported(() => graphIo(graph, variant.graphFile));
  const generated = await refusedAsUnsupported(() => generateC(graph, { name }));
  const count = Math.min(job.mcuWindows, job.test.count);
  const size = windowSize(graph);
  const input = encodeInput(graph, job.test.x.subarray(0, count * size));
  const windows = Array.from({ length: count }, (_, i) => input.subarray(i * size, (i + 1) * size));
  context.progress(`emulating ${count} windows`);
  const result = await runOnCortexM4(
    { files: generated.files, name },
    { dtype: io.input.dtype, windows },
    {
      output: io.output,
      timeoutMs: 600_000,
    },
  );
  const outputs = new Float32Array(count * io.output.length);
  result.outputs.forEach((values, i) => outputs.set(decodeOutput(graph, values), i * io.output.length));
  return {
    file: variant.exports.c ?? `generated C ${name}.c (Cortex-M4 image on QEMU ${QEMU_MACHINE})`,
    outputs,
    windows: count,
    memory: { modelBytes: result.flashBytes, arenaBytes: generated.arenaBytes },
    mcu: {
      flashBytes: result.flashBytes,
      ramBytes: result.ramBytes,
      stackBytes: result.stackBytes,
      instructionsPerInference: result.instructionsPerInference,
    },
  };
};
