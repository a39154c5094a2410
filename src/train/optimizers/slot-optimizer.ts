import { EdgeforgeError, UsageError } from '../../errors.js';
import type { Param } from '../../nn/param.js';
import { clipByGlobalNorm, clipByValue } from './clipping.js';
import { decodeFloat32, encodeFloat32 } from '../../util/float32-base64.js';
import type { Optimizer, OptimizerKind, OptimizerOptions, OptimizerState } from './optimizer.js';
import { parseOptimizerState } from './optimizer-state.js';
import { checkSetting } from './setting.js';

/**
 * The flow every optimizer shares, in Keras's order: clip the gradients, apply the
 * decoupled weight decay, then the algorithm's own update with its per-param slots
 * (float32 arrays named by `slotNames`, created as zeros on a param's first step).
 * Values and slots are stored in float32; updates are computed in doubles.
 */
export abstract class SlotOptimizer implements Optimizer {
  learningRate: number;
  private readonly weightDecay: number;
  private readonly clipGlobalNorm: number | undefined;
  private readonly clipValue: number | undefined;
  private iterations = 0;
  private slots = new Map<string, Float32Array[]>();

  protected constructor(
    readonly kind: OptimizerKind,
    private readonly slotNames: readonly string[],
    options: OptimizerOptions,
    defaults: { learningRate: number; weightDecay: number },
  ) {
    this.learningRate = checkSetting(
      'optimizer.learningRate',
      options.learningRate ?? defaults.learningRate,
      'a finite number >= 0',
    );
    this.weightDecay = checkSetting(
      'optimizer.weightDecay',
      options.weightDecay ?? defaults.weightDecay,
      'a finite number >= 0',
    );
    if (options.clipGlobalNorm !== undefined && options.clipValue !== undefined) {
      throw new UsageError('clipGlobalNorm and clipValue are both set', {
        place: 'optimizer',
        fix: 'Choose one way to clip gradients, as Keras allows only one',
      });
    }
    this.clipGlobalNorm = optionalSetting('optimizer.clipGlobalNorm', options.clipGlobalNorm);
    this.clipValue = optionalSetting('optimizer.clipValue', options.clipValue);
  }

  /** One param's update from its (clipped) gradient; `iteration` counts from 1. */
  protected abstract update(
    param: Param,
    slots: Float32Array[],
    learningRate: number,
    iteration: number,
  ): void;

  step(params: Param[], learningRate = this.learningRate): void {
    checkSetting('learning rate', learningRate, 'a finite number >= 0');
    checkParams(params);
    if (this.clipGlobalNorm !== undefined) clipByGlobalNorm(params, this.clipGlobalNorm);
    if (this.clipValue !== undefined) clipByValue(params, this.clipValue);
    const iteration = this.iterations + 1;
    const keep = 1 - this.weightDecay * learningRate;
    for (const param of params) {
      if (this.weightDecay > 0 && param.decay) {
        const value = param.value;
        for (let i = 0; i < value.length; i++) value[i] = value[i] * keep;
      }
      this.update(param, this.slotsFor(param), learningRate, iteration);
    }
    this.iterations = iteration;
  }

  state(): OptimizerState {
    const slots: Record<string, Record<string, string>> = {};
    for (const [paramName, arrays] of this.slots) {
      slots[paramName] = Object.fromEntries(
        this.slotNames.map((name, k) => [name, encodeFloat32(arrays[k])]),
      );
    }
    return { kind: this.kind, learningRate: this.learningRate, iterations: this.iterations, slots };
  }

  loadState(state: unknown, file?: string): void {
    const parsed = parseOptimizerState(state, this.kind, this.slotNames, file);
    const slots = new Map<string, Float32Array[]>();
    for (const [paramName, encoded] of Object.entries(parsed.slots)) {
      const arrays = this.slotNames.map((name) =>
        decodeFloat32(encoded[name], { file, place: `optimizer.slots.${paramName}.${name}` }),
      );
      slots.set(paramName, arrays);
    }
    this.slots = slots;
    this.learningRate = parsed.learningRate;
    this.iterations = parsed.iterations;
  }

  private slotsFor(param: Param): Float32Array[] {
    const existing = this.slots.get(param.name);
    if (existing === undefined) {
      const created = this.slotNames.map(() => new Float32Array(param.value.length));
      this.slots.set(param.name, created);
      return created;
    }
    const mismatched = existing.find((slot) => slot.length !== param.value.length);
    if (mismatched !== undefined) {
      throw new EdgeforgeError(
        `optimizer state has ${mismatched.length} values for this param, the model has ${param.value.length}`,
        { place: `param ${param.name}`, fix: 'Resume from a checkpoint of the same model architecture' },
      );
    }
    return existing;
  }
}

function optionalSetting(place: string, value: number | undefined): number | undefined {
  return value === undefined ? undefined : checkSetting(place, value, 'a finite number > 0');
}

/** Slots are keyed by name, so two params sharing one would silently share moments. */
function checkParams(params: readonly Param[]): void {
  const seen = new Set<string>();
  for (const param of params) {
    if (seen.has(param.name)) {
      throw new EdgeforgeError('two params share this name', {
        place: `param ${param.name}`,
        fix: 'Give every param of the model a unique name',
      });
    }
    seen.add(param.name);
    if (param.grad.length !== param.value.length) {
      throw new EdgeforgeError(
        `gradient has ${param.grad.length} values, the value has ${param.value.length}`,
        {
          place: `param ${param.name}`,
          fix: 'Allocate the gradient with the value length',
        },
      );
    }
  }
}
