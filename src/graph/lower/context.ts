/**
 * The state of lowering one model: the graph built so far, the tensor the next layer reads
 * and the Keras weights by name. The current value is either a sequence [1, T, C] or, while
 * a Conv1D/pool stack runs, its 4-D form [1, 1, T, C]; layers ask for the form they need and
 * a RESHAPE is inserted only when the form changes.
 */
import { EdgeforgeError } from '../../errors.js';
import { FUSIBLE_OPS } from '../fusible-ops.js';
import { elementCount, formatShape } from '../shapes.js';
import type { FusedActivation } from '../types.js';
import { GraphBuilder, type OpSpec } from './graph-builder.js';

export class LoweringContext {
  readonly builder = new GraphBuilder();
  /** The tensor the next layer reads. */
  current: number;
  /** Options of the op that produced `current`, while an activation can still be fused into it. */
  private fusible: { fusedActivation: FusedActivation } | undefined;

  constructor(
    private readonly weights: Readonly<Record<string, Float32Array>>,
    inputShape: number[],
    private readonly source?: string,
  ) {
    this.current = this.builder.input('input', [1, ...inputShape]);
  }

  shape(): number[] {
    return this.builder.shape(this.current);
  }

  /** Appends an op reading whatever it names and makes its output the current value. */
  emit(spec: OpSpec, outputName: string): number {
    this.current = this.builder.add(spec, outputName);
    const options: object = spec.options;
    this.fusible =
      FUSIBLE_OPS.has(spec.type) && 'fusedActivation' in options
        ? (options as { fusedActivation: FusedActivation })
        : undefined;
    return this.current;
  }

  /** Fuses the activation into the op that produced the current value, if that op can still take one. */
  tryFuse(activation: FusedActivation): boolean {
    if (this.fusible?.fusedActivation !== 'NONE') return false;
    this.fusible.fusedActivation = activation;
    this.fusible = undefined;
    return true;
  }

  /** The current value as a sequence [1, T, C] (or as it is, when it is not 4-D). */
  asSequence(name: string): number {
    const shape = this.shape();
    if (shape.length === 4) this.reshape([1, shape[2]!, shape[3]!], name);
    return this.current;
  }

  /** The current value as [1, 1, T, C] for the 2-D convolution and pooling ops. */
  asImage(layer: string): number {
    const shape = this.shape();
    if (shape.length === 4) return this.current;
    if (shape.length !== 3)
      this.layerError(layer, `needs a sequence [steps, channels], got ${formatShape(shape.slice(1))}`);
    return this.reshape([1, 1, shape[1]!, shape[2]!], `${layer}/input_4d`);
  }

  /** RESHAPE to `shape` (its leading 1 is the batch). */
  reshape(shape: number[], name: string): number {
    const target = this.builder.ints(`${name}/shape`, shape);
    return this.emit({ type: 'RESHAPE', inputs: [this.current, target], options: {} }, name);
  }

  /** A Keras weight by name, checked against the size its layer needs. */
  weight(name: string, shape: number[]): Float32Array {
    const values = this.weights[name];
    const expected = elementCount(shape);
    if (values === undefined || values.length !== expected) {
      throw new EdgeforgeError(
        values === undefined
          ? 'is missing'
          : `has ${values.length} values, shape ${formatShape(shape)} needs ${expected}`,
        {
          file: this.source,
          place: `weights['${name}']`,
          fix: 'Use the model.json edgeforge train wrote, unmodified',
        },
      );
    }
    return values;
  }

  layerError(layer: string, problem: string): never {
    throw new EdgeforgeError(problem, {
      file: this.source,
      place: `layer '${layer}'`,
      fix: 'Lower a model whose architecture trains (edgeforge train builds the same layers)',
    });
  }
}
