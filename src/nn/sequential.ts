/**
 * A stack of layers run in order: the model the trainer trains and every exporter reads.
 *
 * Logits: when the loss is computed from logits (BCE/CE, for numerical stability), call
 * forward(x, batch, { training: true, logits: true }): the last layer then skips its final
 * activation (outputActivation says which: 'sigmoid', 'softmax', ...) and the following
 * backward must be given dLoss/dLogits. Without `logits` the output is the activated one and
 * backward takes dLoss/dOutput.
 */
import { EdgeforgeError } from '../errors.js';
import { Random } from '../util/random.js';
import { createLayer } from './create-layer.js';
import type { ActivationName } from './kernels/index.js';
import type { Layer } from './layer.js';
import { parseLayerSpec, type LayerSpec } from './spec.js';
import { summarize, type ModelSummary } from './summary.js';
import {
  FLOAT32,
  sizeOf,
  type FloatArray,
  type Numeric,
  type Shape,
  type StateTensor,
  type Weight,
} from './tensor.js';

export interface ForwardOptions {
  /** Dropout masks and BatchNorm batch statistics on; default false (inference). */
  training?: boolean;
  /** Return the last layer's output before its final activation; default false. */
  logits?: boolean;
}

/** Everything needed to rebuild the architecture (weights travel separately). */
export interface SequentialConfig {
  inputShape: number[];
  layers: LayerSpec[];
}

export class Sequential<A extends FloatArray = Float32Array> {
  readonly layers: Layer<A>[];
  private readonly numeric: Numeric<A>;
  private shapes: Shape[] = [];

  constructor(specs: readonly LayerSpec[], numeric?: Numeric<Float32Array>);
  constructor(specs: readonly LayerSpec[], numeric: Numeric<A>);
  constructor(specs: readonly LayerSpec[], numeric: Numeric<A> | Numeric<Float32Array> = FLOAT32) {
    if (specs.length === 0) {
      throw new EdgeforgeError('a model needs at least one layer', {
        place: 'layers',
        fix: 'list its layers',
      });
    }
    // The overloads tie A to the numeric given (Float32Array when none is).
    this.numeric = numeric as Numeric<A>;
    const named = nameLayers(specs.map((spec, index) => parseLayerSpec(spec, `layers[${index}]`)));
    this.layers = named.map((spec, index) => createLayer(spec, this.numeric, `layers[${index}]`));
  }

  /** Creates every layer's weights for inputs of `inputShape` (batch excluded), seeded. */
  build(inputShape: Shape, seed: number): this {
    if (inputShape.length === 0 || !inputShape.every((dim) => Number.isInteger(dim) && dim > 0)) {
      throw new EdgeforgeError(`input shape [${inputShape.join(', ')}] is not a list of positive integers`, {
        place: 'inputShape',
        fix: 'give the shape of one sample, e.g. [64, 1] for windows of 64 steps and 1 channel',
      });
    }
    const random = new Random(seed);
    const shapes: Shape[] = [[...inputShape]];
    for (const layer of this.layers) shapes.push(layer.build(shapes[shapes.length - 1], random.fork()));
    // Only a model whose every layer built counts as built.
    this.shapes = shapes;
    return this;
  }

  get inputShape(): Shape {
    return this.builtShapes()[0];
  }

  get outputShape(): Shape {
    const shapes = this.builtShapes();
    return shapes[shapes.length - 1];
  }

  /** The last layer's final activation: what forward(..., { logits: true }) leaves out. */
  get outputActivation(): ActivationName {
    return this.layers[this.layers.length - 1].finalActivation;
  }

  /**
   * Runs `batch` samples stored batch-major in `input`; returns batch·outputSize values in a
   * buffer the model owns (overwritten by the next forward).
   */
  forward(input: A, batch: number, options: ForwardOptions = {}): A {
    const needed = batch * sizeOf(this.inputShape);
    if (!Number.isInteger(batch) || batch <= 0 || input.length < needed) {
      throw new EdgeforgeError(`input holds ${input.length} values, ${batch} samples need ${needed}`, {
        place: 'forward',
        fix: `pass batch·${sizeOf(this.inputShape)} values for input shape [${this.inputShape.join(', ')}]`,
      });
    }
    const training = options.training ?? false;
    const logits = options.logits ?? false;
    const last = this.layers.length - 1;
    let x = input;
    for (let i = 0; i <= last; i++) x = this.layers[i].forward(x, batch, training, logits && i === last);
    return this.exactly(x, batch * sizeOf(this.outputShape));
  }

  /** Backpropagates through the last forward; adds into every Param's grad; returns dLoss/dInput. */
  backward(gradOutput: A, batch: number): A {
    let grad = gradOutput;
    for (let i = this.layers.length - 1; i >= 0; i--) grad = this.layers[i].backward(grad, batch);
    return this.exactly(grad, batch * sizeOf(this.inputShape));
  }

  /**
   * Replaces each layer by `wrap(layer, index)`, a decorator keeping the layer contract and the
   * layer's shapes (quantization-aware training wraps layers in fake quantization).
   */
  wrapLayers(wrap: (layer: Layer<A>, index: number) => Layer<A>): void {
    this.builtShapes();
    this.layers.forEach((layer, index) => (this.layers[index] = wrap(layer, index)));
  }

  /** Layer buffers keep the largest batch's size; callers get exactly `length` values. */
  private exactly(values: A, length: number): A {
    return values.length === length ? values : this.numeric.prefix(values, length);
  }

  /** Restarts every random layer's stream from a seed derived from `seed` and the layer's position. */
  reseed(seed: number): void {
    const random = new Random(seed);
    for (const layer of this.layers) {
      const layerSeed = random.nextUint32();
      layer.reseed?.(layerSeed);
    }
  }

  /** Trainable parameters, in layer order; for a float32 model these are Params. */
  params(): Weight<A>[] {
    return this.layers.flatMap((layer) => layer.params());
  }

  /** Non-trainable state (BatchNorm moving statistics). */
  states(): StateTensor<A>[] {
    return this.layers.flatMap((layer) => layer.states());
  }

  /** Copies of every weight and state tensor, by name (Keras layouts). */
  getWeights(): Record<string, A> {
    const weights: Record<string, A> = {};
    for (const tensor of this.tensors()) {
      const copy = this.numeric.alloc(tensor.value.length);
      copy.set(tensor.value);
      weights[tensor.name] = copy;
    }
    return weights;
  }

  /** Copies values in by name; every tensor must be given, with its exact size. */
  setWeights(weights: Readonly<Record<string, ArrayLike<number>>>, source?: string): void {
    const tensors = this.tensors();
    const known = new Set(tensors.map((tensor) => tensor.name));
    const unknown = Object.keys(weights).find((name) => !known.has(name));
    if (unknown !== undefined) {
      throw new EdgeforgeError(`weight '${unknown}' does not belong to this model`, {
        file: source,
        place: `weights['${unknown}']`,
        fix: `the model's weights are: ${[...known].join(', ')}`,
      });
    }
    for (const tensor of tensors) {
      const values = weights[tensor.name];
      if (values === undefined || values.length !== tensor.value.length) {
        throw new EdgeforgeError(
          values === undefined
            ? 'missing'
            : `has ${values.length} values, shape [${tensor.shape.join(', ')}] needs ${tensor.value.length}`,
          {
            file: source,
            place: `weights['${tensor.name}']`,
            fix: 'save and load weights from the same architecture',
          },
        );
      }
    }
    for (const tensor of tensors) tensor.value.set(weights[tensor.name]);
  }

  summary(): ModelSummary {
    return summarize(this.layers, this.builtShapes());
  }

  config(): SequentialConfig {
    return { inputShape: [...this.inputShape], layers: this.layers.map((layer) => layer.config()) };
  }

  private tensors(): StateTensor<A>[] {
    return this.layers.flatMap((layer) => [...layer.params(), ...layer.states()]);
  }

  private builtShapes(): Shape[] {
    if (this.shapes.length === 0) {
      throw new EdgeforgeError('the model is not built yet', {
        place: 'model',
        fix: 'call build(inputShape, seed) first',
      });
    }
    return this.shapes;
  }
}

/** Keras-style unique names: explicit ones kept, others `<type>_<n>` counting from 1 per type. */
function nameLayers(specs: LayerSpec[]): LayerSpec[] {
  const taken = new Set<string>();
  specs.forEach((spec, index) => {
    if (spec.name === undefined) return;
    if (taken.has(spec.name)) {
      throw new EdgeforgeError(`layer name '${spec.name}' is used twice`, {
        place: `layers[${index}].name`,
        fix: 'give every layer a unique name, or leave names out to number them automatically',
      });
    }
    taken.add(spec.name);
  });
  const counters = new Map<string, number>();
  return specs.map((spec) => {
    if (spec.name !== undefined) return spec;
    let name: string;
    do {
      const n = (counters.get(spec.type) ?? 0) + 1;
      counters.set(spec.type, n);
      name = `${spec.type}_${n}`;
    } while (taken.has(name));
    taken.add(name);
    return { ...spec, name };
  });
}
