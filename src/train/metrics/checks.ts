import { EdgeforgeError } from '../../errors.js';

/*
 * Input checks shared by the metrics. Metrics run at the end of training on arrays the
 * trainer built, so a failure names the array and the index of the first bad entry.
 */

export function checkSameLength(names: [string, string], a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw new EdgeforgeError(`${names[0]} has ${a.length} entries, ${names[1]} has ${b.length}`, {
      place: `metrics: ${names[1]}`,
      fix: 'Pass one entry per sample in both',
    });
  }
  if (a.length === 0) {
    throw new EdgeforgeError('no samples to score', {
      place: `metrics: ${names[0]}`,
      fix: 'Evaluate on a split that has samples',
    });
  }
}

/** Every entry must be a class id in 0..classes-1. */
export function checkClassIds(name: string, ids: ArrayLike<number>, classes: number): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!(Number.isInteger(id) && id >= 0 && id < classes)) {
      throw new EdgeforgeError(`${id} is not a class id in 0..${classes - 1}`, {
        place: `metrics: ${name}[${i}]`,
        fix: 'Pass class ids (argmax of the model output), and the number of classes',
      });
    }
  }
}

/** Binary labels as booleans: 1/true is positive, 0/false negative. */
export function toPositives(name: string, labels: ArrayLike<number | boolean>): boolean[] {
  return Array.from(labels, (label, i) => {
    if (label === 1 || label === true) return true;
    if (label === 0 || label === false) return false;
    throw new EdgeforgeError(`${String(label)} is not a binary label`, {
      place: `metrics: ${name}[${i}]`,
      fix: 'Use 1 (or true) for the positive class and 0 (or false) for the negative one',
    });
  });
}

/** Scores and errors must be real numbers: NaN has no place in a ranking or a threshold. */
export function checkFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new EdgeforgeError(`${values[i]} is not a finite number`, {
        place: `metrics: ${name}[${i}]`,
        fix: 'The model produced non-finite outputs; check the training run for divergence',
      });
    }
  }
}
