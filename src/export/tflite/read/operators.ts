/**
 * TFLite operators -> deploy-graph operators: the builtin code names the operator, its
 * options table becomes the op's options. Unknown or custom operators, versions newer than
 * TensorFlow Lite defines, and options edgeforge does not implement are recorded as
 * unsupported; a malformed operator (wrong options table, bad enum) throws.
 */
import type { FusedActivation, OpDef, Padding, TensorDef } from '../../../graph/types.js';
import {
  BUILTIN_CODE_OF,
  builtinOperatorName,
  CUSTOM_OPERATOR_CODE,
  NEWEST_VERSION_OF,
  type BuiltinOpType,
} from '../builtin-ops.js';
import type { FlatBuffer } from '../schema/flat-buffer.js';
import {
  ACTIVATION_NAMES,
  BuiltinOptionsType,
  PADDING_NAMES,
  type BuiltinOptionsName,
} from '../schema/enums.js';
import type { TfliteOperator, TfliteOperatorCode } from '../schema/model.js';
import {
  readConcatenationOptions,
  readConv2DOptions,
  readDepthwiseConv2DOptions,
  readElementwiseOptions,
  readFullyConnectedOptions,
  readPool2DOptions,
  readReducerOptions,
  readReshapeOptions,
  readSequenceLstmOptions,
  readSoftmaxOptions,
  readStridedSliceOptions,
} from '../schema/options.js';
import type { UnsupportedFeatures } from './unsupported.js';

const OP_TYPE_OF_CODE: ReadonlyMap<number, BuiltinOpType> = new Map(
  Object.entries(BUILTIN_CODE_OF).map(([type, code]) => [code, type as BuiltinOpType]),
);

/** The options table each operator may carry (none: the union must be empty). */
const OPTIONS_OF: Readonly<Record<BuiltinOpType, BuiltinOptionsName>> = {
  ADD: 'AddOptions',
  AVERAGE_POOL_2D: 'Pool2DOptions',
  CONCATENATION: 'ConcatenationOptions',
  CONV_2D: 'Conv2DOptions',
  DEPTHWISE_CONV_2D: 'DepthwiseConv2DOptions',
  DEQUANTIZE: 'DequantizeOptions',
  FULLY_CONNECTED: 'FullyConnectedOptions',
  LOGISTIC: 'NONE',
  MAX_POOL_2D: 'Pool2DOptions',
  MUL: 'MulOptions',
  RELU: 'NONE',
  RELU6: 'NONE',
  RESHAPE: 'ReshapeOptions',
  SOFTMAX: 'SoftmaxOptions',
  TANH: 'NONE',
  PAD: 'PadOptions',
  MEAN: 'ReducerOptions',
  SUB: 'SubOptions',
  UNIDIRECTIONAL_SEQUENCE_LSTM: 'UnidirectionalSequenceLSTMOptions',
  STRIDED_SLICE: 'StridedSliceOptions',
  REDUCE_MAX: 'ReducerOptions',
  QUANTIZE: 'QuantizeOptions',
};

/** What mapping one operator may need from the rest of the model. */
export interface OperatorScope {
  file: FlatBuffer;
  codes: readonly TfliteOperatorCode[];
  /** The graph's tensors so far (undefined where a tensor was unsupported); RESHAPE may append one. */
  tensors: (TensorDef | undefined)[];
  unsupported: UnsupportedFeatures;
}

/** "op 4 SPLIT (v2)" / "op 7 custom 'TFLite_Detection_PostProcess'" */
export function describeOperator(code: TfliteOperatorCode, index: number): string {
  if (code.builtinCode === CUSTOM_OPERATOR_CODE) return `op ${index} custom '${code.customCode ?? ''}'`;
  return `op ${index} ${builtinOperatorName(code.builtinCode)} (v${code.version})`;
}

/** The deploy-graph operator, or undefined when it is unsupported (recorded). */
export function mapOperator(
  operator: TfliteOperator,
  index: number,
  scope: OperatorScope,
): OpDef | undefined {
  const place = `model.subgraphs[0].operators[${index}]`;
  const code = scope.codes[operator.opcodeIndex];
  if (code === undefined) {
    scope.file.fail(
      `${place}.opcode_index`,
      `operator code ${operator.opcodeIndex} does not exist (the model has ${scope.codes.length})`,
    );
  }
  const described = describeOperator(code, index);
  const type = OP_TYPE_OF_CODE.get(code.builtinCode);
  if (type === undefined) {
    scope.unsupported.add(described);
    return undefined;
  }
  if (code.version < 1 || code.version > NEWEST_VERSION_OF[type]) {
    scope.unsupported.add(`${described}: TensorFlow Lite defines versions 1 to ${NEWEST_VERSION_OF[type]}`);
    return undefined;
  }
  const expected = BuiltinOptionsType[OPTIONS_OF[type]];
  if (operator.optionsType !== BuiltinOptionsType.NONE && operator.optionsType !== expected) {
    scope.file.fail(
      `${place}.builtin_options_type`,
      `options type ${operator.optionsType} does not belong to ${type}`,
    );
  }
  return new OperatorMapper(operator, type, described, place, scope).map();
}

class OperatorMapper {
  private supported = true;

  constructor(
    private readonly operator: TfliteOperator,
    private readonly type: BuiltinOpType,
    private readonly described: string,
    private readonly place: string,
    private readonly scope: OperatorScope,
  ) {}

  map(): OpDef | undefined {
    const op = this.build();
    return this.supported ? op : undefined;
  }

  private reject(problem: string): void {
    this.scope.unsupported.add(`${this.described}: ${problem}`);
    this.supported = false;
  }

  private build(): OpDef {
    const { inputs, outputs, options } = this.operator;
    const io = { inputs: [...inputs], outputs: [...outputs] };
    const type = this.type;
    switch (type) {
      case 'FULLY_CONNECTED': {
        const o = readFullyConnectedOptions(options);
        if (o.weightsFormat !== 0) this.reject(`weights_format ${o.weightsFormat} (shuffled weights)`);
        if (o.asymmetricQuantizeInputs) this.reject('asymmetric_quantize_inputs');
        if (o.quantizedBiasType !== 0) this.reject('quantized_bias_type');
        return {
          type,
          ...io,
          options: { fusedActivation: this.activation(o.fusedActivation), keepNumDims: o.keepNumDims },
        };
      }
      case 'CONV_2D': {
        const o = readConv2DOptions(options);
        if (o.quantizedBiasType !== 0) this.reject('quantized_bias_type');
        return { type, ...io, options: this.convolution(o) };
      }
      case 'DEPTHWISE_CONV_2D': {
        const o = readDepthwiseConv2DOptions(options);
        return {
          type,
          ...io,
          options: { ...this.convolution(o), depthMultiplier: this.depthMultiplier(o.depthMultiplier) },
        };
      }
      case 'MAX_POOL_2D':
      case 'AVERAGE_POOL_2D': {
        const o = readPool2DOptions(options);
        return {
          type,
          ...io,
          options: {
            padding: this.padding(o.padding),
            strideH: o.strideH,
            strideW: o.strideW,
            filterH: o.filterHeight,
            filterW: o.filterWidth,
            fusedActivation: this.activation(o.fusedActivation),
          },
        };
      }
      case 'MEAN':
      case 'REDUCE_MAX':
        return { type, ...io, options: readReducerOptions(options) };
      case 'RESHAPE':
        return { type, inputs: this.reshapeInputs(), outputs: io.outputs, options: {} };
      case 'STRIDED_SLICE': {
        const { offset, ...masks } = readStridedSliceOptions(options);
        if (offset) this.reject('offset');
        return { type, ...io, options: masks };
      }
      case 'SOFTMAX':
        return { type, ...io, options: readSoftmaxOptions(options) };
      case 'ADD':
      case 'MUL':
      case 'SUB':
        return {
          type,
          ...io,
          options: { fusedActivation: this.activation(readElementwiseOptions(options).fusedActivation) },
        };
      case 'CONCATENATION': {
        const o = readConcatenationOptions(options);
        return {
          type,
          ...io,
          options: { axis: o.axis, fusedActivation: this.activation(o.fusedActivation) },
        };
      }
      case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
        return this.lstm(io);
      case 'PAD':
      case 'LOGISTIC':
      case 'TANH':
      case 'RELU':
      case 'RELU6':
      case 'QUANTIZE':
      case 'DEQUANTIZE':
        return { type, ...io, options: {} };
    }
  }

  private lstm(io: { inputs: number[]; outputs: number[] }): OpDef {
    const o = readSequenceLstmOptions(this.operator.options);
    if (o.asymmetricQuantizeInputs) this.reject('asymmetric_quantize_inputs');
    if (o.diagonalRecurrentTensors) this.reject('diagonal_recurrent_tensors');
    const op: OpDef = {
      type: 'UNIDIRECTIONAL_SEQUENCE_LSTM',
      ...io,
      options: {
        fusedActivation: this.activation(o.fusedActivation),
        cellClip: o.cellClip,
        projClip: o.projClip,
        timeMajor: o.timeMajor,
      },
    };
    // Quantized LSTMs keep the gates' and hidden state's quantization in intermediate tensors.
    if (this.operator.intermediates.length > 0) op.intermediates = [...this.operator.intermediates];
    return op;
  }

  private convolution(o: {
    padding: number;
    strideH: number;
    strideW: number;
    dilationH: number;
    dilationW: number;
    fusedActivation: number;
  }) {
    return {
      padding: this.padding(o.padding),
      strideH: o.strideH,
      strideW: o.strideW,
      dilationH: o.dilationH,
      dilationW: o.dilationW,
      fusedActivation: this.activation(o.fusedActivation),
    };
  }

  /**
   * TensorFlow Lite derives the multiplier from the shapes (the option is redundant and newer
   * converters may leave it 0): filter channels / input channels, else the option.
   */
  private depthMultiplier(option: number): number {
    const input = this.tensor(this.operator.inputs[0]);
    const filter = this.tensor(this.operator.inputs[1]);
    const channels = input?.shape.at(-1);
    const filterChannels = filter?.shape.at(-1);
    if (
      channels !== undefined &&
      filterChannels !== undefined &&
      channels > 0 &&
      filterChannels % channels === 0
    ) {
      return filterChannels / channels;
    }
    return option;
  }

  /**
   * The shape operand: the constant second input, else the new_shape option as a new constant.
   * TFLite's sizes are literal, while a deploy-graph RESHAPE reads a leading 1 as "the batch"
   * (the input's first dimension); where the two differ, the leading 1 becomes -1 (inferred,
   * so 1 for the stored batch-1 graph) in a new constant.
   */
  private reshapeInputs(): number[] {
    const [input = -1, shapeInput = -1] = this.operator.inputs;
    const constant = this.tensor(shapeInput)?.data;
    const target =
      constant !== undefined ? Array.from(constant) : readReshapeOptions(this.operator.options).newShape;
    if (target === undefined) {
      this.reject('the new shape is computed at run time');
      return [input];
    }
    const inputBatch = this.tensor(input)?.shape[0];
    const literalOne = target[0] === 1 && inputBatch !== 1 && !target.includes(-1);
    if (constant !== undefined && !literalOne) return [input, shapeInput];
    const tensors = this.scope.tensors;
    tensors.push({
      name: `${this.tensor(this.operator.outputs[0])?.name ?? this.described}/shape`,
      shape: [target.length],
      dtype: 'int32',
      data: Int32Array.from(target, (size, axis) => (axis === 0 && literalOne ? -1 : size)),
    });
    return [input, tensors.length - 1];
  }

  private tensor(index: number | undefined): TensorDef | undefined {
    return index === undefined || index < 0 ? undefined : this.scope.tensors[index];
  }

  private activation(value: number): FusedActivation {
    const name = ACTIVATION_NAMES[value];
    if (
      name === 'NONE' ||
      name === 'RELU' ||
      name === 'RELU_N1_TO_1' ||
      name === 'RELU6' ||
      name === 'TANH'
    ) {
      return name;
    }
    this.reject(`fused activation ${name ?? value}`);
    return 'NONE';
  }

  private padding(value: number): Padding {
    const name = PADDING_NAMES[value];
    if (name === 'SAME' || name === 'VALID') return name;
    return this.scope.file.fail(
      `${this.place}.builtin_options.padding`,
      `padding ${value} is neither SAME nor VALID`,
    );
  }
}
