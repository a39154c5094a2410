import { stableSigmoid } from './activations.js';
import { elementwiseLoss } from './elementwise.js';

/**
 * Binary cross-entropy on logits (one per sample, or several independent labels per
 * sample averaged as Keras does). max(z,0) - z*y + log(1 + e^-|z|) equals
 * -y log(sigmoid z) - (1-y) log(1 - sigmoid z) but never takes log(0) or overflows.
 */
export const binaryCrossEntropy = elementwiseLoss('binary_crossentropy', {
  value: (z, y) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))),
  slope: (z, y) => stableSigmoid(z) - y,
  isValidTarget: (y) => y >= 0 && y <= 1,
  targetRule: 'inside [0, 1]',
  fix: 'Binary targets must be 0 or 1 (or a probability in between)',
});
