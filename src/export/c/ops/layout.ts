/**
 * Ops that only move values: RESHAPE (nothing to do when the planner gave the output its
 * input's bytes), STRIDED_SLICE, CONCATENATION and PAD, for any element type. Positions come
 * from the runtime's own slice plan and stride arithmetic.
 */
import { contiguousStrides } from '../../../runtime/kernels/strided-walk.js';
import { stridedSlicePlan } from '../../../runtime/kernels/strided-slice-plan.js';
import type { OpOf } from '../../../runtime/kernels/context.js';
import { quantOf } from '../../../runtime/kernels/int8/operands.js';
import { C_TYPE } from '../c-syntax.js';
import type { OpEmitter } from '../program.js';
import { kernelContext } from './fused.js';
import { offsetExpression, walkOffsets } from './offsets.js';
import { unsupported } from './pointwise.js';

export function reshape(e: OpEmitter, op: OpOf<'RESHAPE'>): string {
  const [input, output] = [op.inputs[0], op.outputs[0]];
  if (e.sameBytes(input, output)) return '/* In place: the output shares the input bytes. */';
  return copyLoop(e, input, output, e.count(output), 'i', 'i');
}

function copyLoop(
  e: OpEmitter,
  from: number,
  to: number,
  count: number,
  toAt: string,
  fromAt: string,
): string {
  return `{
  int32_t i;
  for (i = 0; i < ${count}; i++) ${e.ptr(to)}[${toAt}] = ${e.ptr(from)}[${fromAt}];
}`;
}

export function stridedSlice(e: OpEmitter, op: OpOf<'STRIDED_SLICE'>): string {
  const [input, output] = [op.inputs[0], op.outputs[0]];
  const count = e.count(output);
  const { walk, base } = stridedSlicePlan(op, kernelContext(e), count);
  return copyLoop(e, input, output, count, 'i', offsetExpression(e, walkOffsets(walk, count, base), 'i'));
}

export function concatenation(e: OpEmitter, op: OpOf<'CONCATENATION'>): string {
  if (op.options.fusedActivation !== 'NONE')
    unsupported(e, `CONCATENATION with fused ${op.options.fusedActivation}`);
  const output = op.outputs[0];
  const outShape = e.shape(output);
  const axis = op.options.axis < 0 ? op.options.axis + outShape.length : op.options.axis;
  const product = (sizes: readonly number[]) => sizes.reduce((total, size) => total * size, 1);
  const outer = product(outShape.slice(0, axis));
  const chunks = op.inputs.map((tensor) => product(e.shape(tensor).slice(axis)));
  const total = chunks.reduce((sum, chunk) => sum + chunk, 0);
  let before = 0;
  return op.inputs
    .map((tensor, p) => {
      const chunk = chunks[p];
      const offsets = Array.from(
        { length: outer * chunk },
        (_, k) => Math.floor(k / chunk) * total + before + (k % chunk),
      );
      before += chunk;
      return copyLoop(e, tensor, output, outer * chunk, offsetExpression(e, offsets, 'i'), 'i');
    })
    .join('\n');
}

export function pad(e: OpEmitter, op: OpOf<'PAD'>): string {
  const [input, paddingsTensor] = op.inputs;
  const output = op.outputs[0];
  const k = kernelContext(e);
  const paddings = k.ints(paddingsTensor, 'paddings');
  const shape = e.shape(input);
  const outStrides = contiguousStrides(e.shape(output));
  const offsets: number[] = [];
  const index = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < e.count(input); n++) {
    offsets.push(
      index.reduce((offset, at, axis) => offset + (at + paddings[2 * axis]) * outStrides[axis], 0),
    );
    for (let axis = shape.length - 1; axis >= 0 && ++index[axis] === shape[axis]; axis--) index[axis] = 0;
  }
  const fill = e.dtype(output) === 'int8' ? String(quantOf(k, output, 'output').zeroPoint) : '0';
  return `{
  int32_t i;
  for (i = 0; i < ${e.count(output)}; i++) ${e.ptr(output)}[i] = (${C_TYPE[e.dtype(output)]})${fill};
}
${copyLoop(e, input, output, e.count(input), offsetExpression(e, offsets, 'i'), 'i')}`;
}
