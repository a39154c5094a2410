/**
 * Elementwise activations and their gradients. Every gradient is written in terms of the
 * activation's output y (relu: y>0, relu6: 0<y<6, tanh: 1-y², sigmoid: y(1-y), softmax:
 * y⊙(g - Σ g⊙y) per row), so layers keep only their outputs for backward.
 * One tight loop per kind; the kind is switched once per call, never per element.
 */
import type { FloatArray } from '../tensor.js';
import { exp, sigmoid, tanh } from './transcendental.js';

export type ActivationName = 'linear' | 'relu' | 'relu6' | 'tanh' | 'sigmoid' | 'softmax';

/** out[i] = f(z[i]) for i < length; softmax normalises each row of `cols` values. */
export function activate(
  kind: ActivationName,
  z: FloatArray,
  out: FloatArray,
  length: number,
  cols: number,
): void {
  switch (kind) {
    case 'linear':
      for (let i = 0; i < length; i++) out[i] = z[i];
      return;
    case 'relu':
      for (let i = 0; i < length; i++) out[i] = z[i] > 0 ? z[i] : 0;
      return;
    case 'relu6':
      for (let i = 0; i < length; i++) out[i] = Math.min(Math.max(z[i], 0), 6);
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) out[i] = tanh(z[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < length; i++) out[i] = sigmoid(z[i]);
      return;
    case 'softmax':
      softmaxRows(z, out, length / cols, cols);
      return;
  }
}

/** gradZ[i] = gradOut[i] · f'(z[i]) expressed through y = out[i]. gradZ may alias gradOut. */
export function activationGradient(
  kind: ActivationName,
  out: FloatArray,
  gradOut: FloatArray,
  gradZ: FloatArray,
  length: number,
  cols: number,
): void {
  switch (kind) {
    case 'linear':
      for (let i = 0; i < length; i++) gradZ[i] = gradOut[i];
      return;
    case 'relu':
      for (let i = 0; i < length; i++) gradZ[i] = out[i] > 0 ? gradOut[i] : 0;
      return;
    case 'relu6':
      for (let i = 0; i < length; i++) gradZ[i] = out[i] > 0 && out[i] < 6 ? gradOut[i] : 0;
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) gradZ[i] = gradOut[i] * (1 - out[i] * out[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < length; i++) gradZ[i] = gradOut[i] * out[i] * (1 - out[i]);
      return;
    case 'softmax':
      softmaxRowsGradient(out, gradOut, gradZ, length / cols, cols);
      return;
  }
}

/** Softmax of each row, shifted by the row maximum so exp never overflows. */
function softmaxRows(z: FloatArray, out: FloatArray, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const start = r * cols;
    const end = start + cols;
    let max = -Infinity;
    for (let i = start; i < end; i++) if (z[i] > max) max = z[i];
    let sum = 0;
    for (let i = start; i < end; i++) {
      const e = exp(z[i] - max);
      out[i] = e;
      sum += e;
    }
    const scale = 1 / sum;
    for (let i = start; i < end; i++) out[i] *= scale;
  }
}

function softmaxRowsGradient(
  out: FloatArray,
  gradOut: FloatArray,
  gradZ: FloatArray,
  rows: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const start = r * cols;
    const end = start + cols;
    let dot = 0;
    for (let i = start; i < end; i++) dot += gradOut[i] * out[i];
    for (let i = start; i < end; i++) gradZ[i] = out[i] * (gradOut[i] - dot);
  }
}
