/**
 * The two stateful pieces fake quantization adds to a layer: an activation quantizer (fake
 * quantizes a tensor in forward, keeps which values saturated for the straight-through
 * backward) and a weight quantizer (swaps a weight's float values for their int8-grid values
 * while a forward/backward pair runs, so gradients are taken at the quantized weights and the
 * optimizer then updates the float ones).
 */
import type { Weight } from '../../nn/tensor.js';
import { fakeQuantize, fakeQuantizeWeights, straightThrough } from './fake-quantize.js';
import type { ParamsSource } from './param-sources.js';

export class ActivationQuantizer {
  private output = new Float32Array(0);
  private inside = new Uint8Array(0);
  private gradient = new Float32Array(0);
  /** True when the last forward passed its values through (no parameters known yet). */
  private bypassed = true;

  constructor(readonly source: ParamsSource) {}

  /** Fake-quantizes `length` values (observing them first in training); returns an owned buffer. */
  forward(values: Float32Array, length: number, training: boolean): Float32Array {
    if (training) this.source.observe(values, length);
    const params = this.source.current();
    this.bypassed = params === undefined;
    if (params === undefined) return values;
    if (this.output.length < length) {
      this.output = new Float32Array(length);
      this.inside = new Uint8Array(length);
    }
    fakeQuantize(values, length, params, this.output, this.inside);
    return this.output;
  }

  backward(grad: Float32Array, length: number): Float32Array {
    if (this.bypassed) return grad;
    if (this.gradient.length < length) this.gradient = new Float32Array(length);
    straightThrough(grad, this.inside, length, this.gradient);
    return this.gradient;
  }
}

export class WeightQuantizer {
  private readonly float: Float32Array;
  private swapped = false;

  constructor(
    private readonly weight: Weight,
    private readonly groups: number,
    private readonly width: number,
  ) {
    this.float = new Float32Array(weight.value.length);
  }

  /** Puts the int8-grid values in place (the float ones are kept until restore). */
  apply(): void {
    if (this.swapped) return;
    this.float.set(this.weight.value);
    fakeQuantizeWeights(this.float, this.groups, this.width, this.weight.value);
    this.swapped = true;
  }

  restore(): void {
    if (!this.swapped) return;
    this.weight.value.set(this.float);
    this.swapped = false;
  }
}
