/**
 * ADD, SUB and MUL with numpy broadcasting: each output element reads its two operands at
 * offsets from the runtime's broadcast layout. int8 follows TFLite's integer rules with the
 * runtime's parameters (ADD / SUB: both inputs shifted left 20 bits and rescaled to a common
 * scale, then to the output; MUL: the product rescaled); float combines in double, rounded once.
 */
import { activationRange, addSubInt8Params, INT8_RANGE, mulMultiplier } from '../../../quant/params.js';
import type { OpOf } from '../../../runtime/kernels/context.js';
import { broadcastLayout } from '../../../runtime/kernels/float/elementwise.js';
import { derive, quantOf } from '../../../runtime/kernels/int8/operands.js';
import { StridedWalk } from '../../../runtime/kernels/strided-walk.js';
import type { OpEmitter } from '../program.js';
import { fusedFloat, kernelContext } from './fused.js';
import { offsetExpression } from './offsets.js';

type Arithmetic = OpOf<'ADD' | 'SUB' | 'MUL'>;

/** Each output element's offset into operand a and operand b. */
function operandOffsets(e: OpEmitter, op: Arithmetic): { a: number[]; b: number[] } {
  const layout = broadcastLayout(e.shape(op.inputs[0]), e.shape(op.inputs[1]), e.shape(op.outputs[0]));
  const last = layout.sizes.length - 1;
  const offsets = (strides: number[]) => {
    const walk = new StridedWalk(layout.sizes.slice(0, -1), strides.slice(0, -1));
    const all: number[] = [];
    walk.reset();
    for (let r = 0; r < walk.count; r++) {
      for (let i = 0; i < layout.sizes[last]; i++) all.push(walk.offset + i * strides[last]);
      walk.advance();
    }
    return all;
  };
  return { a: offsets(layout.aStrides), b: offsets(layout.bStrides) };
}

export function arithmetic(e: OpEmitter, op: Arithmetic): string {
  const [first, second] = op.inputs;
  const output = op.outputs[0];
  const offsets = operandOffsets(e, op);
  const a = `${e.ptr(first)}[${offsetExpression(e, offsets.a, 'i')}]`;
  const b = `${e.ptr(second)}[${offsetExpression(e, offsets.b, 'i')}]`;
  const loop = (body: string) => `int32_t i;
for (i = 0; i < ${e.count(output)}; i++) {
${body
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}
}`;
  if (e.dtype(first) !== 'int8') {
    const symbol = op.type === 'ADD' ? '+' : op.type === 'SUB' ? '-' : '*';
    return loop(`float v = (float)((ef_acc_t)${a} ${symbol} (ef_acc_t)${b});
${e.ptr(output)}[i] = ${fusedFloat(e, op.options.fusedActivation, 'v')};`);
  }
  const k = kernelContext(e);
  const q1 = quantOf(k, first, 'input 0');
  const q2 = quantOf(k, second, 'input 1');
  const qo = quantOf(k, output, 'output');
  const range = derive(k, () =>
    activationRange(op.options.fusedActivation, qo.scale, qo.zeroPoint, INT8_RANGE),
  );
  e.program.use('mbqm', 'clamp', 'wrap');
  const operands = `int32_t x = ${a} - (${q1.zeroPoint});
int32_t y = ${b} - (${q2.zeroPoint});
int32_t raw;`;
  let combine: string;
  if (op.type === 'MUL') {
    const m = derive(k, () => mulMultiplier(q1.scale, q2.scale, qo.scale));
    combine = `raw = ef_mbqm(x * y, ${m.multiplier}, ${m.shift});`;
  } else {
    const p = derive(k, () => addSubInt8Params(op.type as 'ADD' | 'SUB', q1.scale, q2.scale, qo.scale));
    combine = `raw = ef_mbqm(ef_${op.type === 'ADD' ? 'add' : 'sub'}_wrap(ef_mbqm(x * ${1 << p.leftShift}, ${p.input1.multiplier}, ${p.input1.shift}), ef_mbqm(y * ${1 << p.leftShift}, ${p.input2.multiplier}, ${p.input2.shift})), ${p.output.multiplier}, ${p.output.shift});`;
  }
  return loop(`${operands}
${combine}
${e.ptr(output)}[i] = (int8_t)ef_clamp(raw + ${qo.zeroPoint}, ${range.min}, ${range.max});`);
}
