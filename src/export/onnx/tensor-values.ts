/**
 * Where each deploy-graph tensor lives in the ONNX graph. A tensor's stored value keeps its
 * own dtype (float32, or int8 / int32 for quantized tensors); ops compute in float, so a
 * quantized tensor is read through a DequantizeLinear and written through a QuantizeLinear.
 * That is the QDQ form ONNX Runtime fuses into its integer kernels. One DequantizeLinear is
 * emitted per reader, as ONNX Runtime's QDQ fusion wants each node unit to own its inputs.
 */
import { EdgeforgeError } from '../../errors.js';
import type { FusedActivation, Graph, TensorData, TensorDef } from '../../graph/types.js';
import { attr, bytesOf, type OnnxBuilder } from './onnx-builder.js';
import { QdqNodes } from './qdq-nodes.js';
import { ONNX_TYPE } from './onnx-model.js';
import { isQuantized, onnxType } from './tensor-types.js';

/** Re-lays out a stored value (Reshape, Transpose) before it is dequantized or after it is quantized. */
export type Relayout = (stored: string) => string;

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

  private readonly qdq: QdqNodes;

  constructor(
    private readonly graph: Graph,
    private readonly builder: OnnxBuilder,
    private readonly weights: WeightStorage,
  ) {
    this.qdq = new QdqNodes(builder);
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
  floatOf(t: number, restore?: Relayout): string {
    const stored = restore ? restore(this.storedOf(t)) : this.storedOf(t);
    return this.asFloat(stored, this.storedDefs[t] ?? this.graph.tensors[t]!);
  }

  /** Tensor `t` in its own dtype in `layout`: as an op left it in that layout, else re-laid out by `relayout`. */
  storedIn(t: number, layout: string, relayout: Relayout): string {
    const laidOut = this.laidOut.get(t);
    return laidOut?.layout === layout ? laidOut.name : relayout(this.storedOf(t));
  }

  /** Tensor `t` as float in `layout` (see storedIn). */
  floatIn(t: number, layout: string, relayout: Relayout): string {
    return this.asFloat(this.storedIn(t, layout, relayout), this.storedDefs[t] ?? this.graph.tensors[t]!);
  }

  /** Records the float value an op computed for `t` in `layout`; `restore` brings it to the graph's layout when read so. */
  setFloatResultIn(t: number, value: string, layout: string, restore: Relayout): void {
    const def = this.graph.tensors[t]!;
    this.setStoredIn(t, isQuantized(def) ? this.qdq.quantize(value, def) : value, layout, restore);
  }

  /** Records the value an op stored for `t` (in `t`'s dtype) in `layout`, as setFloatResultIn. */
  setStoredIn(t: number, stored: string, layout: string, restore: Relayout): void {
    this.laidOut.set(t, { layout, name: stored, restore: () => restore(stored) });
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
    if (isQuantized(def)) return this.qdq.dequantize(stored, def);
    if (def.dtype === 'float16')
      return this.builder.node('Cast', [stored], `${def.name}/float32`, { to: attr.int(ONNX_TYPE.float) });
    return stored;
  }

  /** Records the float value an op computed for `t`: quantized to `t`'s parameters when `t` is quantized, then `restore`d. */
  setFloatResult(t: number, value: string, restore?: Relayout): void {
    const def = this.graph.tensors[t]!;
    const stored = isQuantized(def) ? this.qdq.quantize(value, def) : value;
    this.stored[t] = restore ? restore(stored) : stored;
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
