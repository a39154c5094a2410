import { elementwiseLoss } from './elementwise.js';

/** Mean squared error over each sample's outputs (autoencoders reconstruct their input). */
export const meanSquaredError = elementwiseLoss('mse', {
  value: (output, target) => (output - target) * (output - target),
  slope: (output, target) => 2 * (output - target),
  isValidTarget: Number.isFinite,
  targetRule: 'a finite number',
  fix: 'Clean or interpolate missing values before training',
});
