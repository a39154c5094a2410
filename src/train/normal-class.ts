import { EdgeforgeError } from '../errors.js';

const NORMAL_NAMES = ['healthy', 'normal', 'ok', 'good', '0'];

/** The class an autoencoder learns as normal: the configured one, a recognised name, else class 0. */
export function normalClassId(classes: string[], configured?: string): number {
  if (configured !== undefined) {
    const id = classes.indexOf(configured);
    if (id < 0) {
      throw new EdgeforgeError(`normal class '${configured}' is not one of the labels`, {
        place: 'train.normalClass',
        fix: `Use one of: ${classes.join(', ')}`,
      });
    }
    return id;
  }
  const recognised = classes.findIndex((name) => NORMAL_NAMES.includes(name.toLowerCase()));
  return recognised >= 0 ? recognised : 0;
}
