/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM as ONNX LSTM and the GRU op as ONNX GRU, forward, batch-major
 * sequences transposed to ONNX's time-major [T, B, C] (ONNX Runtime runs only layout 0).
 * ONNX stacks gates as i, o, f, c for LSTM (TFLite: i, f, c, o) and z, r, h for GRU (the
 * deploy graph's order already); B holds the input biases then the recurrent ones (zero for
 * the LSTM, whose TFLite form has one bias per gate). Keras's reset_after GRU is ONNX's
 * linear_before_reset = 1. Both start from zero state on every run: the ONNX model is
 * stateless, as the edgeforge runtime's invoke() is by default.
 */
import type { FusedActivation, OpDef } from '../../../graph/types.js';
import { attr } from '../onnx-builder.js';
import { constantOperand, convertError, optionalOperand, type ConvertContext } from './context.js';
import { transposeTo } from './layout.js';
import { stackConstants } from './stack-constants.js';

/** TFLite LSTM input positions in ONNX's gate order i, o, f, c. */
const LSTM_INPUT_WEIGHTS = [1, 4, 2, 3];
const LSTM_RECURRENT_WEIGHTS = [5, 8, 6, 7];
const LSTM_BIASES = [12, 15, 13, 14];
/** Peepholes cell-to-{input, forget, output} at 9, 10, 11; ONNX's P is i, o, f. */
const LSTM_PEEPHOLES = [9, 11, 10];
const LSTM_UNSUPPORTED = {
  16: 'projection weights',
  17: 'projection bias',
  20: 'layer normalisation',
  21: 'layer normalisation',
  22: 'layer normalisation',
  23: 'layer normalisation',
};

const SWAP_BATCH_AND_TIME = [1, 0, 2];

const CELL_ACTIVATIONS: Partial<Record<FusedActivation, string>> = { TANH: 'Tanh', RELU: 'Relu' };

/** The input as ONNX's [T, B, C]. */
function timeMajorInput(ctx: ConvertContext, timeMajor: boolean): string {
  const input = ctx.op.inputs[0]!;
  return ctx.values.floatOf(input, timeMajor ? undefined : transposeTo(ctx.builder, SWAP_BATCH_AND_TIME));
}

/** ONNX's Y [T, 1, B, H] as the deploy graph's sequence output. */
function storeSequence(ctx: ConvertContext, y: string, timeMajor: boolean): void {
  const { builder } = ctx;
  const squeezed = builder.node('Squeeze', [y, builder.int64s([1])], `${y}/squeezed`);
  ctx.values.setFloatResult(
    ctx.op.outputs[0]!,
    squeezed,
    timeMajor ? undefined : transposeTo(builder, SWAP_BATCH_AND_TIME),
  );
}

export function convertLstm(
  ctx: ConvertContext,
  op: Extract<OpDef, { type: 'UNIDIRECTIONAL_SEQUENCE_LSTM' }>,
): void {
  for (const [position, what] of Object.entries(LSTM_UNSUPPORTED)) {
    if (optionalOperand(ctx, Number(position)) !== undefined)
      throw convertError(ctx, `LSTM ${what} have no ONNX LSTM equivalent`, 'Export an LSTM without them');
  }
  if (optionalOperand(ctx, 1) === undefined)
    throw convertError(
      ctx,
      'a coupled input-forget gate (no input gate weights) has no ONNX LSTM equivalent',
      'Export an LSTM with an input gate',
    );
  const cellActivation = CELL_ACTIVATIONS[op.options.fusedActivation];
  if (cellActivation === undefined)
    throw convertError(
      ctx,
      `cell activation ${op.options.fusedActivation} is not one ONNX LSTM offers here`,
      "Use tanh (Keras's default)",
    );
  const { builder, values } = ctx;
  const operands = (positions: number[]) => positions.map((position) => constantOperand(ctx, position));
  const [units, depth] = constantOperand(ctx, 1).shape as [number, number];
  const name = ctx.graph.tensors[op.outputs[0]!]!.name;
  const inputs = [
    timeMajorInput(ctx, op.options.timeMajor),
    values.constantFloat(stackConstants(`${name}/W`, operands(LSTM_INPUT_WEIGHTS), [1, 4 * units, depth], 1)),
    values.constantFloat(
      stackConstants(`${name}/R`, operands(LSTM_RECURRENT_WEIGHTS), [1, 4 * units, units], 1),
    ),
    values.constantFloat(stackConstants(`${name}/B`, operands(LSTM_BIASES), [1, 8 * units], 1, 4 * units)),
  ];
  if (optionalOperand(ctx, 9) !== undefined) {
    inputs.push(
      '',
      '',
      '',
      values.constantFloat(stackConstants(`${name}/P`, operands(LSTM_PEEPHOLES), [1, 3 * units], 1)),
    );
  }
  const attributes = {
    hidden_size: attr.int(units),
    activations: attr.strings(['Sigmoid', cellActivation, cellActivation]),
    ...(op.options.cellClip > 0 && { clip: attr.float(op.options.cellClip) }),
  };
  const y = builder.node('LSTM', inputs, `${name}/lstm`, attributes);
  storeSequence(ctx, y, op.options.timeMajor);
}

export function convertGru(ctx: ConvertContext, op: Extract<OpDef, { type: 'GRU' }>): void {
  if (!op.options.resetAfter)
    throw convertError(
      ctx,
      'a GRU without reset_after is not supported',
      "Train the GRU with Keras's default reset_after = true",
    );
  const { builder, values } = ctx;
  const kernel = constantOperand(ctx, 1);
  const [width, depth] = kernel.shape as [number, number];
  const units = width / 3;
  const name = ctx.graph.tensors[op.outputs[0]!]!.name;
  const inputs = [
    timeMajorInput(ctx, op.options.timeMajor),
    values.constantFloat(stackConstants(`${name}/W`, [kernel], [1, width, depth], 1)),
    values.constantFloat(stackConstants(`${name}/R`, [constantOperand(ctx, 2)], [1, width, units], 1)),
    values.constantFloat(
      stackConstants(`${name}/B`, [constantOperand(ctx, 3), constantOperand(ctx, 4)], [1, 2 * width], 1),
    ),
  ];
  const [y, lastState] = builder.multiNode('GRU', inputs, [`${name}/gru`, `${name}/gru_last`], {
    hidden_size: attr.int(units),
    linear_before_reset: attr.int(1),
  });
  if (op.options.returnSequences) {
    storeSequence(ctx, y!, op.options.timeMajor);
    return;
  }
  // Y_h [1, B, H] -> [B, H].
  values.setFloatResult(
    op.outputs[0]!,
    builder.node('Squeeze', [lastState!, builder.int64s([0])], `${name}/last`),
  );
}
