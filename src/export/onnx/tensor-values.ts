/**
 * Where each deploy-graph tensor lives in the ONNX graph. A tensor's stored value keeps its
 * own dtype (float32, or int8 / int32 for quantized tensors); ops compute in float, so a
 * quantized tensor is read through a DequantizeLinear and written through a QuantizeLinear.
 * That is the QDQ form ONNX Runtime fuses into its integer kernels. One DequantizeLinear is
 * emitted per reader, as ONNX Runtime's QDQ fusion wants each node unit to own its inputs.
 */
import { EdgeforgeError } from '../../errors.js';
import type { FusedActivation, Graph, Quantization, TensorData, TensorDef } from '../../graph/types.js';
import { attr, bytesOf, type OnnxBuilder, type ZeroPointType } from './onnx-builder.js';
import { ONNX_TYPE, type OnnxElementType } from './onnx-model.js';

/** Rewrites a stored value before it is dequantized or after it is quantized (layout changes). */
export type Restore = (stored: string) => string;

// Keyed by name so the table reads the same whichever dtypes the graph format lists.
const STORED_TYPES: Partial<Record<string, OnnxElementType>> = {
  float32: ONNX_TYPE.float,
  float16: ONNX_TYPE.float16,
  int8: ONNX_TYPE.int8,
  uint8: ONNX_TYPE.uint8,
  int32: ONNX_TYPE.int32,
};

const ZERO_POINT_TYPES: Partial<Record<OnnxElementType, ZeroPointType>> = {
  [ONNX_TYPE.int8]: ONNX_TYPE.int8,
  [ONNX_TYPE.uint8]: ONNX_TYPE.uint8,
  [ONNX_TYPE.int32]: ONNX_TYPE.int32,
};

/** Quantized tensors travel in their integer dtype; ONNX opset 17 quantizes to 8 bits only. */
export function isQuantized(def: TensorDef): boolean {
  return def.dtype !== 'float32' && def.dtype !== 'float16' && def.quantization !== undefined;
}

export function onnxType(def: TensorDef, place: string): OnnxElementType {
  const type = STORED_TYPES[def.dtype];
  if (type === undefined) {
    throw new EdgeforgeError(`tensor '${def.name}' is ${def.dtype}, which ONNX opset 17 cannot quantize to`, {
      place,
      fix: 'Export a float32 or int8 graph',
    });
  }
  return type;
}

/** Per-axis when several scales run along an axis, per-tensor otherwise. */
function quantizationAxis(quantization: Quantization): number | undefined {
  return quantization.axis !== undefined && quantization.scale.length > 1 ? quantization.axis : undefined;
}

/** How int8 weights are stored: as is, or shifted to uint8 (zero point + 128), the same real values. */
export type WeightStorage = 'int8' | 'uint8';

/** An int8 constant as uint8 holding the same real values: q + 128 with zero point + 128. */
function asUnsigned(def: TensorDef & { data: TensorData }): TensorDef & { data: TensorData } {
  const quantization = def.quantization!;
  return {
    ...def,
    dtype: 'uint8',
    data: Uint8Array.from(def.data, (q) => q + 128),
    quantization: { ...quantization, zeroPoint: quantization.zeroPoint.map((zero) => zero + 128) },
  };
}

export class TensorValues {
  private readonly stored: (string | undefined)[];
  /** What a constant's stored value holds when it differs from the graph's tensor (uint8 weights). */
  private readonly storedDefs: (TensorDef | undefined)[];
  /**
   * Values an op left in another layout (NCHW after Conv / pooling), by tensor: spatial readers
   * take them as they are, other readers get them restored once, on first read, so a stack of
   * spatial ops has no Transpose pairs between its ops.
   */
  private readonly laidOut = new Map<number, { layout: string; name: string; restore: () => string }>();
  /** DEQUANTIZE outputs of constants (float16 or int8 weights) -> the constant, widened where read. */
  private readonly dequantizedConstants = new Map<number, number>();

  constructor(
    private readonly graph: Graph,
    private readonly builder: OnnxBuilder,
    private readonly weights: WeightStorage,
  ) {
    this.stored = graph.tensors.map(() => undefined);
    this.storedDefs = graph.tensors.map(() => undefined);
  }

  /** Tensor `t` in its own dtype: an initializer for constants, else what its producer wrote. */
  storedOf(t: number): string {
    const known = this.stored[t];
    if (known !== undefined) return known;
    const laidOut = this.laidOut.get(t);
    if (laidOut !== undefined) return (this.stored[t] = laidOut.restore());
    const source = this.dequantizedConstants.get(t);
    if (source !== undefined) return this.floatOf(source);
    const def = this.graph.tensors[t]!;
    if (def.data === undefined) {
      throw new EdgeforgeError(`tensor '${def.name}' is read before any op writes it`, {
        place: `tensor #${t}`,
        fix: 'Export a validated graph (edgeforge writes ops in topological order)',
      });
    }
    const storage = this.storageOf({ ...def, data: def.data });
    const name = this.initializerOf(storage, storage.data);
    this.stored[t] = name;
    this.storedDefs[t] = storage;
    return name;
  }

  /** `t` is the float value of constant `source`: each reader gets its own Cast / DequantizeLinear of it. */
  setDequantizedConstant(t: number, source: number): void {
    this.dequantizedConstants.set(t, source);
  }

  setStored(t: number, name: string): void {
    this.stored[t] = name;
  }

  /** Tensor `t` as float: dequantized when it is quantized, after `restore` on the stored value. */
  floatOf(t: number, restore?: Restore): string {
    const stored = restore ? restore(this.storedOf(t)) : this.storedOf(t);
    return this.asFloat(stored, this.storedDefs[t] ?? this.graph.tensors[t]!);
  }

  /** Tensor `t` as float in `layout`: as an op left it in that layout, else re-laid out by `relayout`. */
  floatIn(t: number, layout: string, relayout: Restore): string {
    const laidOut = this.laidOut.get(t);
    if (laidOut?.layout !== layout) return this.floatOf(t, relayout);
    return this.asFloat(laidOut.name, this.graph.tensors[t]!);
  }

  /** Records the float value an op computed for `t` in `layout`; `restore` brings it to the graph's layout when read so. */
  setFloatResultIn(t: number, value: string, layout: string, restore: Restore): void {
    const def = this.graph.tensors[t]!;
    const name = isQuantized(def) ? this.quantize(value, def) : value;
    this.laidOut.set(t, { layout, name, restore: () => restore(name) });
  }

  /**
   * The activation an op must still apply before `t` is stored: RELU is left out when `t`'s
   * int8 zero point is -128, as QuantizeLinear then clamps at real 0 itself (the same values,
   * and the DQ -> op -> Q pattern ONNX Runtime fuses into one integer kernel).
   */
  activationBefore(t: number, activation: FusedActivation): FusedActivation {
    const def = this.graph.tensors[t]!;
    const clampsAtZero = def.dtype === 'int8' && isQuantized(def) && def.quantization!.zeroPoint[0] === -128;
    return activation === 'RELU' && clampsAtZero ? 'NONE' : activation;
  }

  /** A constant the graph does not hold as is (re-laid-out weights), as float. */
  constantFloat(def: TensorDef & { data: TensorData }): string {
    const storage = this.storageOf(def);
    return this.asFloat(this.initializerOf(storage, storage.data), storage);
  }

  /** Int8 weights as they are stored: unchanged, or as uint8 (ONNX Runtime's u8u8 kernels never saturate). */
  private storageOf(def: TensorDef & { data: TensorData }): TensorDef & { data: TensorData } {
    return this.weights === 'uint8' && def.dtype === 'int8' && isQuantized(def) ? asUnsigned(def) : def;
  }

  /** A stored value as float32: dequantized, widened from float16 (weights a float16 graph keeps), or as is. */
  private asFloat(stored: string, def: TensorDef): string {
    if (isQuantized(def)) return this.dequantize(stored, def);
    if (def.dtype === 'float16')
      return this.builder.node('Cast', [stored], `${def.name}/float32`, { to: attr.int(ONNX_TYPE.float) });
    return stored;
  }

  /** Records the float value an op computed for `t`: quantized to `t`'s parameters when `t` is quantized, then `restore`d. */
  setFloatResult(t: number, value: string, restore?: Restore): void {
    const def = this.graph.tensors[t]!;
    const stored = isQuantized(def) ? this.quantize(value, def) : value;
    this.stored[t] = restore ? restore(stored) : stored;
  }

  /** QuantizeLinear to `def`'s (per-tensor) parameters; the zero point's type makes the output int8. */
  private quantize(value: string, def: TensorDef): string {
    const quantization = def.quantization!;
    const type = this.zeroPointType(def);
    if (type === ONNX_TYPE.int32) {
      throw new EdgeforgeError(
        `activation '${def.name}' is ${def.dtype}; QuantizeLinear writes 8-bit values only`,
        {
          fix: 'Export a graph whose activations are int8',
        },
      );
    }
    const [scale, zeroPoint] = this.parameters(quantization, type);
    return this.builder.node('QuantizeLinear', [value, scale, zeroPoint], `${def.name}/quantized`);
  }

  private dequantize(stored: string, def: TensorDef): string {
    const quantization = def.quantization!;
    const type = this.zeroPointType(def);
    const axis = quantizationAxis(quantization);
    // An int32 bias has zero point 0, ONNX's default: leave it out as ONNX Runtime's own quantizer does.
    const inputs =
      type === ONNX_TYPE.int32
        ? [stored, this.scaleOf(quantization)]
        : [stored, ...this.parameters(quantization, type)];
    return this.builder.node(
      'DequantizeLinear',
      inputs,
      `${def.name}/dequantized`,
      axis === undefined ? {} : { axis: attr.int(axis) },
    );
  }

  /** The integer type of a quantized tensor, which its zero point shares. */
  private zeroPointType(def: TensorDef): ZeroPointType {
    const type = ZERO_POINT_TYPES[onnxType(def, `tensor '${def.name}'`)];
    if (type === undefined) {
      throw new EdgeforgeError(
        `tensor '${def.name}' is quantized as ${def.dtype}, which ONNX opset 17 cannot dequantize`,
        {
          fix: 'Export a graph quantized to int8 (int32 biases)',
        },
      );
    }
    return type;
  }

  /** The scale and zero point inputs of QuantizeLinear / DequantizeLinear. */
  private parameters(quantization: Quantization, type: ZeroPointType): [string, string] {
    const { count, dims } = this.parameterShape(quantization);
    const scale = this.scaleOf(quantization);
    const zeroType =
      type === ONNX_TYPE.int32
        ? ONNX_TYPE.int32
        : type === ONNX_TYPE.uint8
          ? ONNX_TYPE.uint8
          : ONNX_TYPE.int8;
    const zeroPoint = this.builder.integers(zeroType, quantization.zeroPoint.slice(0, count), dims);
    return [scale, zeroPoint];
  }

  private scaleOf(quantization: Quantization): string {
    const { count, dims } = this.parameterShape(quantization);
    return this.builder.floats(quantization.scale.slice(0, count), dims);
  }

  /** One parameter per channel along the axis ([C]), or a scalar. */
  private parameterShape(quantization: Quantization): { count: number; dims: number[] } {
    const perAxis = quantizationAxis(quantization) !== undefined;
    const count = perAxis ? quantization.scale.length : 1;
    return { count, dims: perAxis ? [count] : [] };
  }

  private initializerOf(def: TensorDef, data: TensorData): string {
    return this.builder.initializer(
      def.name,
      onnxType(def, `tensor '${def.name}'`),
      def.shape,
      bytesOf(data),
    );
  }
}
