import { EdgeforgeError } from '../../errors.js';
import { checkLossInputs, checkTargets, sampleWeight, type Loss } from './loss.js';

/** Loss of one output value against its target, and its slope in the output. */
export interface ElementLoss {
  value(output: number, target: number): number;
  slope(output: number, target: number): number;
  /** Whether the formula is defined for this target; `targetRule` and `fix` explain a refusal. */
  isValidTarget(target: number): boolean;
  targetRule: string;
  fix: string;
}

/**
 * A loss applied per output value, Keras-style: the mean over a sample's outputs is
 * the sample loss, then sum(w_i * l_i) / batch is the batch loss.
 */
export function elementwiseLoss(name: string, element: ElementLoss): Loss {
  return {
    name,
    compute(output, targets, batch, grad, sampleWeights) {
      const perSample = checkLossInputs(name, { output, batch, grad, sampleWeights });
      const values = checkTargets(name, targets, {
        kind: Float32Array,
        description: 'one target per output value',
        length: output.length,
      });
      const scale = 1 / (batch * perSample);
      let total = 0;
      for (let i = 0; i < batch; i++) {
        const weight = sampleWeight(sampleWeights, i);
        let sampleSum = 0;
        for (let j = i * perSample; j < (i + 1) * perSample; j++) {
          if (!element.isValidTarget(values[j])) {
            throw new EdgeforgeError(`target ${values[j]} is not ${element.targetRule}`, {
              place: `loss ${name}: targets[${j}]`,
              fix: element.fix,
            });
          }
          sampleSum += element.value(output[j], values[j]);
          grad[j] = weight * scale * element.slope(output[j], values[j]);
        }
        total += weight * sampleSum;
      }
      return total * scale;
    },
  };
}
