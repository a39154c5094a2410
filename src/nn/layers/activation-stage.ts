/**
 * The activation fused onto the end of a layer (Dense, Conv1D, DepthwiseConv1D, Activation).
 * Keeps its output for the gradient, and remembers whether the last forward skipped the
 * activation (logits requested) so backward then passes dLoss/dLogits straight through.
 */
import { activate, activationGradient, type ActivationName } from '../kernels/index.js';
import type { FloatArray, Numeric } from '../tensor.js';

export class ActivationStage<A extends FloatArray> {
  private output: A;
  private gradient: A;
  private skipped = true;

  constructor(
    readonly kind: ActivationName,
    private readonly numeric: Numeric<A>,
  ) {
    this.output = numeric.alloc(0);
    this.gradient = numeric.alloc(0);
  }

  /** f(z) over `length` values (softmax per row of `cols`), or z itself when linear or logits. */
  forward(z: A, length: number, cols: number, logits: boolean): A {
    this.skipped = logits || this.kind === 'linear';
    if (this.skipped) return z;
    if (this.output.length < length) this.output = this.numeric.alloc(length);
    activate(this.kind, z, this.output, length, cols);
    return this.output;
  }

  /** dLoss/dz from dLoss/dOutput of the last forward. */
  backward(gradOutput: A, length: number, cols: number): A {
    if (this.skipped) return gradOutput;
    if (this.gradient.length < length) this.gradient = this.numeric.alloc(length);
    activationGradient(this.kind, this.output, gradOutput, this.gradient, length, cols);
    return this.gradient;
  }
}
