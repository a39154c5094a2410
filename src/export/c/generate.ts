/**
 * generateC: a deploy graph to a self-contained C99 library. The graph must be one the
 * edgeforge runtime runs (checked by building its interpreter, so the same errors name the
 * same problems); its ops compile to C functions with the model's sizes and quantization
 * constants written in, over one arena laid out by the runtime's own memory plan.
 */
import { EdgeforgeError } from '../../errors.js';
import { crc32 } from '../../graph/crc32.js';
import { encodeGraph } from '../../graph/format.js';
import { planMemory } from '../../graph/plan/index.js';
import { elementCount, inferShapes } from '../../graph/shapes.js';
import type { Graph, Preprocessing } from '../../graph/types.js';
import { float32 } from '../../quant/params.js';
import { Interpreter } from '../../runtime/interpreter.js';
import { cComment, indent } from './c-syntax.js';
import { exampleMain, makefile, readme } from './example-files.js';
import { headerFile } from './header.js';
import { helperCode, needsLibm } from './helpers.js';
import type { IoType, LibraryModel } from './library-model.js';
import { emitOp } from './ops/index.js';
import { CProgram, OpEmitter, tensorPointer, type Variant } from './program.js';
import { sourceFile, type CompiledVariant } from './source.js';
import { streamingGraph } from './streaming.js';

export interface GenerateCOptions {
  /** The C identifier every public name starts with (e.g. "gesture" -> gesture_invoke, gesture.h). */
  name: string;
  /** The scaler invoke_float applies; default the graph's own (metadata.preprocessing). */
  preprocessing?: Preprocessing;
  /**
   * Use the packed 16-bit multiply-accumulate path by default on cores with the DSP extension
   * (the .c defines EDGEFORGE_USE_DSP when __ARM_FEATURE_SIMD32 is set); other builds stay portable.
   */
  dsp?: boolean;
}

export interface GeneratedC {
  /** File name -> contents: <name>.h, <name>.c, main.c, Makefile, README.md. */
  files: Record<string, string>;
  arenaBytes: number;
}

/**
 * Rough code bytes (Cortex-M4 Thumb-2, -Os) of the API around the kernels, of one op function
 * and of one helper; within about 15 % of linked images of the presets and trained_lstm_int8.
 */
const CODE_BYTES_BASE = 600;
const CODE_BYTES_PER_OP = 220;
const CODE_BYTES_PER_HELPER = 160;

export function generateC(graph: Graph, options: GenerateCOptions): GeneratedC {
  const name = checkName(options.name);
  // The runtime's own checks: every op has a kernel for its operands, as the C will.
  new Interpreter(graph);
  const io = ioTypes(graph);
  const program = new CProgram();
  const windowVariant = variantOf(graph, 'run');
  const window = compile(program, windowVariant);
  const streaming = streamingGraph(graph);
  const stepVariant = 'graph' in streaming ? variantOf(streaming.graph, 'step') : undefined;
  if (stepVariant !== undefined) new Interpreter(stepVariant.graph);
  const step = stepVariant === undefined ? undefined : compile(program, stepVariant);
  const [input, output] = [graph.inputs[0], graph.outputs[0]];
  const inputQuant = io.input === 'int8' ? quantization(graph, input) : undefined;
  if (inputQuant !== undefined) program.use('quantizeS8');
  // Both variants share the arena (the step plan is never larger in practice; take the larger).
  const arenaBytes = Math.max(windowVariant.plan.arenaBytes, stepVariant?.plan.arenaBytes ?? 0);
  const opCount = graph.ops.length + (stepVariant?.graph.ops.length ?? 0);
  const model: LibraryModel = {
    name,
    upper: name.toUpperCase(),
    inputType: io.input,
    outputType: io.output,
    inputCount: elementCount(windowVariant.shapes[input]),
    outputCount: elementCount(windowVariant.shapes[output]),
    inputQuant,
    outputQuant: io.output === 'int8' ? quantization(graph, output) : undefined,
    streaming:
      stepVariant === undefined
        ? { reason: 'reason' in streaming ? streaming.reason : '' }
        : { stepInputCount: elementCount(stepVariant.shapes[stepVariant.graph.inputs[0]]) },
    arenaBytes,
    stateBytes: windowVariant.plan.variableBytes,
    flashBytes:
      program.constBytes +
      CODE_BYTES_BASE +
      CODE_BYTES_PER_OP * opCount +
      CODE_BYTES_PER_HELPER * program.helpers.size,
    hash: crc32(encodeGraph(graph)).toString(16).padStart(8, '0'),
    source: graph.metadata.source,
    task: graph.metadata.task,
    classes: graph.metadata.classes,
    preprocessing: options.preprocessing ?? graph.metadata.preprocessing,
    libm: needsLibm(program.helpers) || program.usesLibm,
    floatKernels: [helperCode(program.helpers), ...window.functions, ...(step?.functions ?? [])].some(
      (code) => code.includes('ef_acc_t'),
    ),
  };
  checkScaler(model);
  const files: Record<string, string> = {
    [`${name}.h`]: headerFile(model),
    [`${name}.c`]: sourceFile({ model, dsp: options.dsp ?? false, program, window, step }),
    'main.c': exampleMain(model),
    Makefile: makefile(model),
    'README.md': readme(model),
  };
  return { files, arenaBytes };
}

function variantOf(graph: Graph, prefix: string): Variant {
  const shapes = inferShapes(graph, 1);
  return { graph, shapes, plan: planMemory(graph, shapes), prefix };
}

function compile(program: CProgram, variant: Variant): CompiledVariant {
  const functions = variant.graph.ops.map((_, index) => {
    const emitter = new OpEmitter(program, variant, index);
    const body = emitOp(emitter);
    return `/* ${emitter.describe()} */\nstatic void ef_${variant.prefix}_op${index}(void) {\n${indent(body)}\n}`;
  });
  return {
    prefix: variant.prefix,
    functions,
    inputPointer: tensorPointer(program, variant, variant.graph.inputs[0]),
    outputPointer: tensorPointer(program, variant, variant.graph.outputs[0]),
  };
}

function checkName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(name) || /^ef_/i.test(name)) {
    throw new EdgeforgeError(`'${name}' is not usable as a C library name`, {
      place: 'C export name',
      fix: 'Use a C identifier of letters, digits and underscores, not starting with a digit or ef_ (e.g. gesture_model)',
    });
  }
  return name;
}

function ioTypes(graph: Graph): { input: IoType; output: IoType } {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw new EdgeforgeError(
      `the graph has ${graph.inputs.length} inputs and ${graph.outputs.length} outputs; the C library takes one of each`,
      { place: 'graph inputs/outputs', fix: 'Export a single-input, single-output model' },
    );
  }
  const typeOf = (tensor: number, kind: string): IoType => {
    const dtype = graph.tensors[tensor].dtype;
    if (dtype !== 'int8' && dtype !== 'float32') {
      throw new EdgeforgeError(`the model ${kind} is ${dtype}`, {
        place: `graph ${kind} '${cComment(graph.tensors[tensor].name)}'`,
        fix: 'Quantize with int8 or float input and output',
      });
    }
    return dtype;
  };
  return { input: typeOf(graph.inputs[0], 'input'), output: typeOf(graph.outputs[0], 'output') };
}

function quantization(graph: Graph, tensor: number): { scale: number; zeroPoint: number } {
  const params = graph.tensors[tensor].quantization;
  if (params === undefined || params.scale.length !== 1) {
    throw new EdgeforgeError(`tensor '${graph.tensors[tensor].name}' needs one scale and zero point`, {
      place: 'graph input/output quantization',
      fix: 'Quantize the model input and output per tensor',
    });
  }
  return { scale: float32(params.scale[0]), zeroPoint: params.zeroPoint[0] };
}

function checkScaler(m: LibraryModel): void {
  const scaler = m.preprocessing?.scaler;
  if (scaler === undefined) return;
  const width = scaler.center.length;
  if (width === 0 || scaler.scale.length !== width || m.inputCount % width !== 0) {
    throw new EdgeforgeError(
      `the scaler has ${scaler.center.length} centers and ${scaler.scale.length} scales for ${m.inputCount} model inputs`,
      { place: 'metadata.preprocessing.scaler', fix: 'Pass the preprocessing the model was trained with' },
    );
  }
}
