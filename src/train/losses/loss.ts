import { EdgeforgeError } from '../../errors.js';

/**
 * A training loss on the model's raw outputs. `compute` returns the batch loss
 * sum(w_i * l_i) / batch (Keras "sum over batch size": weights scale samples, the
 * divisor stays the batch size) and overwrites `grad` with dLoss/dOutput.
 */
export interface Loss {
  readonly name: string;
  compute(
    output: Float32Array,
    targets: Float32Array | Int32Array,
    batch: number,
    grad: Float32Array,
    sampleWeights?: Float32Array,
  ): number;
}

/** Shapes every loss checks before it reads a value. */
export interface LossInputs {
  output: Float32Array;
  batch: number;
  grad: Float32Array;
  sampleWeights: Float32Array | undefined;
}

/**
 * Checks the parts all losses share and returns the number of outputs per sample.
 * Wrong shapes here are bugs in the caller, but they would silently train on garbage.
 */
export function checkLossInputs(lossName: string, inputs: LossInputs): number {
  const { output, batch, grad, sampleWeights } = inputs;
  const place = `loss ${lossName}`;
  if (!Number.isInteger(batch) || batch <= 0) {
    throw new EdgeforgeError(`batch size ${batch} is not a positive integer`, {
      place,
      fix: 'Pass the number of samples in the batch',
    });
  }
  if (output.length === 0 || output.length % batch !== 0) {
    throw new EdgeforgeError(`${output.length} outputs do not split into ${batch} samples`, {
      place,
      fix: 'Pass outputs laid out as [batch, outputsPerSample]',
    });
  }
  if (grad.length !== output.length) {
    throw new EdgeforgeError(`gradient buffer has ${grad.length} values, the output has ${output.length}`, {
      place,
      fix: 'Allocate the gradient buffer with the output length',
    });
  }
  if (sampleWeights !== undefined) checkSampleWeights(place, sampleWeights, batch);
  return output.length / batch;
}

function checkSampleWeights(place: string, sampleWeights: Float32Array, batch: number): void {
  if (sampleWeights.length !== batch) {
    throw new EdgeforgeError(`${sampleWeights.length} sample weights for a batch of ${batch}`, {
      place,
      fix: 'Pass one weight per sample',
    });
  }
  for (let i = 0; i < batch; i++) {
    const weight = sampleWeights[i];
    if (!(Number.isFinite(weight) && weight >= 0)) {
      throw new EdgeforgeError(`sample weight ${weight} is not a finite number >= 0`, {
        place: `${place}: sample ${i}`,
        fix: 'Use non-negative class or sample weights',
      });
    }
  }
}

/** What a loss expects as targets, for the checks and their messages. */
export interface TargetLayout<T extends Float32Array | Int32Array> {
  kind: { new (length: number): T; name: string };
  /** e.g. "one class id per sample" */
  description: string;
  length: number;
}

/** The targets array must be the expected kind and length. */
export function checkTargets<T extends Float32Array | Int32Array>(
  lossName: string,
  targets: Float32Array | Int32Array,
  layout: TargetLayout<T>,
): T {
  const place = `loss ${lossName}: targets`;
  const fix = `Pass ${layout.description} as a ${layout.kind.name}`;
  if (!(targets instanceof layout.kind)) {
    throw new EdgeforgeError(
      `targets are a ${targets.constructor.name}, this loss needs a ${layout.kind.name}`,
      {
        place,
        fix,
      },
    );
  }
  if (targets.length !== layout.length) {
    throw new EdgeforgeError(`${targets.length} targets, expected ${layout.length}`, { place, fix });
  }
  return targets;
}

/** Weight of sample i: 1 without sample weights. */
export function sampleWeight(sampleWeights: Float32Array | undefined, i: number): number {
  return sampleWeights === undefined ? 1 : sampleWeights[i];
}
