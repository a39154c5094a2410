/**
 * GRU (no TFLite builtin) unrolled over its time steps into builtins, no WHILE loop: one
 * float graph -> float graph rewrite with the same math, shared by the .tflite writer and by
 * int8 calibration and quantization (which then quantize the builtins by their own rules).
 * Per gate one FULLY_CONNECTED projects every step's input at once ([1, T, in] -> [1, T, u],
 * keep_num_dims), then each step slices its row (STRIDED_SLICE) and computes Keras's
 * reset_after GRU:
 *   z = σ(x_z + U_z h)   r = σ(x_r + U_r h)   ĥ = tanh(x_h + r ⊙ (U_h h + c_h))
 *   h' = ĥ + z ⊙ (h - ĥ)   (= z ⊙ h + (1 - z) ⊙ ĥ)
 * with the recurrent biases c_z, c_r folded into the input projections. The first step
 * starts from h = 0, so it needs no recurrent products: h1 = ĥ - z ⊙ ĥ, ĥ = tanh(x_h + r ⊙ c_h).
 * The recurrent weight matrices are shared by every step; c_h is one constant per step,
 * because int8 quantization gives a bias the scale of its op's input (each step's state has
 * its own), as TFLite's quantizer duplicates shared biases. Every shape keeps the batch as its
 * first dimension, so the unrolled graph runs at any batch. Each invoke starts from zero
 * state, as edgeforge's runtime does by default.
 */
import { EdgeforgeError } from '../../errors.js';
import type { FullyConnectedOptions, Graph, OpDef, TensorDef } from '../types.js';
import { dropUnusedTensors } from './drop-unused-tensors.js';

type GruOp = Extract<OpDef, { type: 'GRU' }>;

/** TensorFlow Lite Micro's CONCATENATION takes at most this many inputs. */
const MAX_CONCATENATED = 10;

const FC_OPTIONS: FullyConnectedOptions = { fusedActivation: 'NONE', keepNumDims: false };
const NO_ACTIVATION = { fusedActivation: 'NONE' } as const;

/** Whether `op` is a GRU this rewrite can unroll: float32, batch-major, reset_after. */
export function canUnrollGru(op: GruOp, tensors: readonly TensorDef[]): boolean {
  return !op.options.timeMajor && op.options.resetAfter && tensors[op.inputs[0]!]?.dtype === 'float32';
}

/**
 * Every GRU of `graph` replaced by its unrolled builtins (new tensors appended in op order,
 * then unused ones dropped), so calibration and quantization that both apply it agree on
 * tensor indices. Graphs without a GRU come back unchanged.
 */
export function unrollGrus(graph: Graph, source?: string): Graph {
  if (!graph.ops.some((op) => op.type === 'GRU')) return graph;
  const tensors = [...graph.tensors];
  const ops: OpDef[] = [];
  graph.ops.forEach((op, index) => {
    if (op.type !== 'GRU') {
      ops.push(op);
      return;
    }
    if (!canUnrollGru(op, tensors)) {
      throw new EdgeforgeError(
        'only a float32, batch-major GRU with reset_after can be unrolled into builtins',
        {
          file: source,
          place: `op ${index} GRU`,
          fix: 'Lower the GRU from an edgeforge model (batch-major, reset_after), or use an LSTM layer',
        },
      );
    }
    unrollGru(op, tensors, ops);
  });
  return dropUnusedTensors({ ...graph, tensors, ops });
}

/** Appends the unrolled ops to `ops` and their tensors to `tensors`. */
function unrollGru(op: GruOp, tensors: TensorDef[], ops: OpDef[]): void {
  const [x, kernel, recurrentKernel, inputBias, recurrentBias] = op.inputs.map((index) => tensors[index]!);
  const output = op.outputs[0]!;
  const [, steps, depth] = x!.shape as [number, number, number];
  const units = recurrentKernel!.shape[1]!;
  const name = tensors[output]!.name;
  const add = (tensor: TensorDef): number => tensors.push(tensor) - 1;
  const activation = (suffix: string, shape: number[]) =>
    add({ name: `${name}/${suffix}`, shape, dtype: 'float32' });
  const constant = (suffix: string, shape: number[], data: Float32Array | Int32Array) =>
    add({ name: `${name}/${suffix}`, shape, dtype: data instanceof Int32Array ? 'int32' : 'float32', data });
  const rows = (matrix: TensorDef, gate: number, width: number) =>
    Float32Array.from(
      (matrix.data as Float32Array).subarray(gate * units * width, (gate + 1) * units * width),
    );
  const biasOf = (bias: TensorDef, gate: number) => rows(bias, gate, 1);

  const gates = ['z', 'r', 'h'] as const;
  const projections = gates.map((gate, g) => {
    const bias = biasOf(inputBias!, g);
    if (gate !== 'h') biasOf(recurrentBias!, g).forEach((value, i) => (bias[i] += value));
    const projected = activation(`x_${gate}`, [1, steps, units]);
    ops.push({
      type: 'FULLY_CONNECTED',
      inputs: [
        op.inputs[0]!,
        constant(`kernel_${gate}`, [units, depth], rows(kernel!, g, depth)),
        constant(`bias_${gate}`, [units], bias),
      ],
      outputs: [projected],
      options: { fusedActivation: 'NONE', keepNumDims: true },
    });
    return projected;
  });
  const recurrentWeights = gates.map((gate, g) =>
    constant(`recurrent_kernel_${gate}`, [units, units], rows(recurrentKernel!, g, units)),
  );
  const strides = constant('step/strides', [3], Int32Array.from([1, 1, 1]));

  const emit = (type: 'ADD' | 'SUB' | 'MUL', a: number, b: number, result: number) =>
    ops.push({ type, inputs: [a, b], outputs: [result], options: NO_ACTIVATION });
  const unary = (type: 'LOGISTIC' | 'TANH', input: number, result: number) =>
    ops.push({ type, inputs: [input], outputs: [result], options: {} });
  const lastOnly = !op.options.returnSequences;

  const states: number[] = [];
  let state = -1;
  for (let t = 0; t < steps; t++) {
    const at = (suffix: string) => activation(`step${t}/${suffix}`, [1, units]);
    const begin = constant(`step${t}/begin`, [3], Int32Array.from([0, t, 0]));
    const end = constant(`step${t}/end`, [3], Int32Array.from([0, t + 1, 0]));
    const [xz, xr, xh] = gates.map((gate, g) => {
      const row = at(`x_${gate}`);
      ops.push({
        type: 'STRIDED_SLICE',
        inputs: [projections[g]!, begin, end, strides],
        outputs: [row],
        // Batch and units whole (masks), the time axis shrunk away.
        options: { beginMask: 0b101, endMask: 0b101, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0b010 },
      });
      return row;
    }) as [number, number, number];
    const gateInput = (row: number, gate: 'z' | 'r', g: number) => {
      if (state < 0) return row;
      const product = at(`u_${gate}`);
      ops.push({
        type: 'FULLY_CONNECTED',
        inputs: [state, recurrentWeights[g]!, -1],
        outputs: [product],
        options: FC_OPTIONS,
      });
      const sum = at(`pre_${gate}`);
      emit('ADD', row, product, sum);
      return sum;
    };
    const z = at('z');
    unary('LOGISTIC', gateInput(xz, 'z', 0), z);
    const r = at('r');
    unary('LOGISTIC', gateInput(xr, 'r', 1), r);
    const candidateBias = constant(`step${t}/recurrent_bias_h`, [units], biasOf(recurrentBias!, 2));
    let recurrentCandidate = candidateBias;
    if (state >= 0) {
      recurrentCandidate = at('u_h');
      ops.push({
        type: 'FULLY_CONNECTED',
        inputs: [state, recurrentWeights[2]!, candidateBias],
        outputs: [recurrentCandidate],
        options: FC_OPTIONS,
      });
    }
    const reset = at('r_u_h');
    emit('MUL', r, recurrentCandidate, reset);
    const preCandidate = at('pre_h');
    emit('ADD', xh, reset, preCandidate);
    const candidate = at('candidate');
    unary('TANH', preCandidate, candidate);
    const next = lastOnly && t === steps - 1 ? output : at('h');
    if (state < 0) {
      const kept = at('z_candidate');
      emit('MUL', z, candidate, kept);
      emit('SUB', candidate, kept, next);
    } else {
      const change = at('h_minus_candidate');
      emit('SUB', state, candidate, change);
      const kept = at('z_change');
      emit('MUL', z, change, kept);
      emit('ADD', candidate, kept, next);
    }
    states.push(next);
    state = next;
  }
  if (!lastOnly) sequenceOf(states, units, output, name, add, constant, ops);
}

/** Every step's [1, u] state -> [1, T, u]: concatenations of at most MAX_CONCATENATED inputs, then a RESHAPE. */
function sequenceOf(
  states: number[],
  units: number,
  output: number,
  name: string,
  add: (tensor: TensorDef) => number,
  constant: (suffix: string, shape: number[], data: Int32Array) => number,
  ops: OpDef[],
): void {
  let parts = states.map((state) => ({ tensor: state, width: units }));
  for (let round = 0; parts.length > 1; round++) {
    const merged: typeof parts = [];
    for (let first = 0; first < parts.length; first += MAX_CONCATENATED) {
      const group = parts.slice(first, first + MAX_CONCATENATED);
      if (group.length === 1) {
        merged.push(group[0]!);
        continue;
      }
      const width = group.reduce((sum, part) => sum + part.width, 0);
      const tensor = add({ name: `${name}/concat${round}_${first}`, shape: [1, width], dtype: 'float32' });
      ops.push({
        type: 'CONCATENATION',
        inputs: group.map((part) => part.tensor),
        outputs: [tensor],
        options: { axis: 1, fusedActivation: 'NONE' },
      });
      merged.push({ tensor, width });
    }
    parts = merged;
  }
  const shape = constant('sequence_shape', [3], Int32Array.from([1, states.length, units]));
  ops.push({ type: 'RESHAPE', inputs: [parts[0]!.tensor, shape], outputs: [output], options: {} });
}
