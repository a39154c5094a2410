/**
 * QuantizeLinear and DequantizeLinear nodes for a quantized tensor's parameters: per-tensor
 * scalars, or one scale and zero point per channel along the tensor's axis. The zero point's
 * type sets QuantizeLinear's output type (int8 here; ONNX's default would be uint8).
 */
import { EdgeforgeError } from '../../errors.js';
import type { Quantization, TensorDef } from '../../graph/types.js';
import { attr, type OnnxBuilder, type ZeroPointType } from './onnx-builder.js';
import { ONNX_TYPE, type OnnxElementType } from './onnx-model.js';
import { onnxType } from './tensor-types.js';

const ZERO_POINT_TYPES: Partial<Record<OnnxElementType, ZeroPointType>> = {
  [ONNX_TYPE.int8]: ONNX_TYPE.int8,
  [ONNX_TYPE.uint8]: ONNX_TYPE.uint8,
  [ONNX_TYPE.int32]: ONNX_TYPE.int32,
};

/** Per-axis when several scales run along an axis, per-tensor otherwise. */
function quantizationAxis(quantization: Quantization): number | undefined {
  return quantization.axis !== undefined && quantization.scale.length > 1 ? quantization.axis : undefined;
}

/** One parameter per channel along the axis ([C]), or a scalar. */
function parameterShape(quantization: Quantization): { count: number; dims: number[] } {
  const perAxis = quantizationAxis(quantization) !== undefined;
  const count = perAxis ? quantization.scale.length : 1;
  return { count, dims: perAxis ? [count] : [] };
}

/** The integer type of a quantized tensor, which its zero point shares. */
function zeroPointType(def: TensorDef): ZeroPointType {
  const type = ZERO_POINT_TYPES[onnxType(def, `tensor '${def.name}'`)];
  if (type === undefined) {
    throw new EdgeforgeError(
      `tensor '${def.name}' is quantized as ${def.dtype}, which DequantizeLinear cannot read`,
      {
        fix: 'Export a graph quantized to int8 (int32 biases)',
      },
    );
  }
  return type;
}

export class QdqNodes {
  constructor(private readonly builder: OnnxBuilder) {}

  /** `value` (float) quantized to `def`'s per-tensor parameters. */
  quantize(value: string, def: TensorDef): string {
    const type = zeroPointType(def);
    if (type === ONNX_TYPE.int32) {
      throw new EdgeforgeError(
        `activation '${def.name}' is ${def.dtype}; QuantizeLinear writes 8-bit values only`,
        {
          fix: 'Export a graph whose activations are int8',
        },
      );
    }
    return this.builder.node(
      'QuantizeLinear',
      [value, ...this.parameters(def.quantization!, type)],
      `${def.name}/quantized`,
    );
  }

  /** `stored` (`def`'s integers) as float. */
  dequantize(stored: string, def: TensorDef): string {
    const quantization = def.quantization!;
    const type = zeroPointType(def);
    const axis = quantizationAxis(quantization);
    // An int32 bias has zero point 0, ONNX's default: leave it out as ONNX Runtime's own quantizer does.
    const inputs =
      type === ONNX_TYPE.int32
        ? [stored, this.scale(quantization)]
        : [stored, ...this.parameters(quantization, type)];
    return this.builder.node(
      'DequantizeLinear',
      inputs,
      `${def.name}/dequantized`,
      axis === undefined ? {} : { axis: attr.int(axis) },
    );
  }

  private parameters(quantization: Quantization, type: ZeroPointType): [string, string] {
    const { count, dims } = parameterShape(quantization);
    return [
      this.scale(quantization),
      this.builder.integers(type, quantization.zeroPoint.slice(0, count), dims),
    ];
  }

  private scale(quantization: Quantization): string {
    const { count, dims } = parameterShape(quantization);
    return this.builder.floats(quantization.scale.slice(0, count), dims);
  }
}
