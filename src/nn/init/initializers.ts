/**
 * Keras's default initialisers, drawn from our seeded Random so a seed fixes every weight.
 * Shapes follow Keras's layouts; fans follow Keras's rule for tensors of rank >= 2:
 * receptive field = product of all but the last two dims, fan_in = shape[-2]·field,
 * fan_out = shape[-1]·field (Conv1D [k, in, filters]: fan_in = k·in, fan_out = k·filters).
 */
import type { Random } from '../../util/random.js';
import type { FloatArray, Shape } from '../tensor.js';
import { orthonormalColumns } from './orthonormal.js';

export function fans(shape: Shape): { fanIn: number; fanOut: number } {
  if (shape.length === 1) return { fanIn: shape[0], fanOut: shape[0] };
  let field = 1;
  for (let d = 0; d < shape.length - 2; d++) field *= shape[d];
  return { fanIn: shape[shape.length - 2] * field, fanOut: shape[shape.length - 1] * field };
}

/** Uniform in ±sqrt(6 / (fan_in + fan_out)). */
export function glorotUniform(target: FloatArray, shape: Shape, random: Random): void {
  const { fanIn, fanOut } = fans(shape);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < target.length; i++) target[i] = random.uniform(-limit, limit);
}

/**
 * Keras Orthogonal(gain 1) for a [rows, cols] matrix: QR of a gaussian
 * [max(rows,cols), min(rows,cols)] matrix, q·sign(diag(r)), transposed when rows < cols,
 * so the result has orthonormal rows or columns, whichever are fewer.
 */
export function orthogonal(target: FloatArray, rows: number, cols: number, random: Random): void {
  const tall = Math.max(rows, cols);
  const narrow = Math.min(rows, cols);
  const gaussian = new Float64Array(tall * narrow);
  for (let i = 0; i < gaussian.length; i++) gaussian[i] = random.normal();
  const q = orthonormalColumns(gaussian, tall, narrow);
  for (let r = 0; r < tall; r++) {
    for (let c = 0; c < narrow; c++) {
      if (rows >= cols) target[r * cols + c] = q[r * narrow + c];
      else target[c * cols + r] = q[r * narrow + c];
    }
  }
}
