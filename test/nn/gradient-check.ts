/**
 * Central finite-difference check of a float64 layer's backward. The scalar checked is
 * L = Σ_i r_i·y_i for fixed random r, so dL/dy = r is what backward receives; every input
 * value and every parameter value is perturbed by ±h and (L(+h) - L(-h)) / 2h compared
 * with the analytic gradient.
 */
import { createLayer, FLOAT64, type Layer, type LayerSpec } from '../../src/nn/index.js';
import { sizeOf, type Shape } from '../../src/nn/tensor.js';
import { Random } from '../../src/util/random.js';

export interface CheckOptions {
  batch?: number;
  training?: boolean;
  logits?: boolean;
  seed?: number;
  /** Runs after build, before any forward (e.g. to fix a dropout mask). */
  prepare?: (layer: Layer<Float64Array>) => void;
}

export interface CheckReport {
  /** Largest |analytic - numeric| / max(1, |numeric|) over all checked values. */
  worstError: number;
  where: string;
  checked: number;
  /** Largest |numeric| seen, so a test can tell a real check from one of all zeros. */
  largestGradient: number;
}

const STEP = 1e-5;

export function checkGradients(spec: LayerSpec, inputShape: Shape, options: CheckOptions = {}): CheckReport {
  const batch = options.batch ?? 2;
  const random = new Random(options.seed ?? 11);
  const layer = createLayer(spec, FLOAT64);
  const outputShape = layer.build(inputShape, random.fork());
  options.prepare?.(layer);
  const input = new Float64Array(batch * sizeOf(inputShape)).map(() => random.normal());
  const outLength = batch * sizeOf(outputShape);
  const projection = new Float64Array(outLength).map(() => random.normal());
  const training = options.training ?? false;
  const logits = options.logits ?? false;

  const loss = (): number => {
    const y = layer.forward(input, batch, training, logits);
    let sum = 0;
    for (let i = 0; i < outLength; i++) sum += projection[i] * y[i];
    return sum;
  };

  for (const param of layer.params()) param.grad.fill(0);
  loss();
  const gradInput = Float64Array.from(layer.backward(projection, batch).subarray(0, input.length));
  const report: CheckReport = { worstError: 0, where: 'nothing', checked: 0, largestGradient: 0 };
  const compare = (values: Float64Array, analytic: Float64Array, label: string): void => {
    for (let i = 0; i < values.length; i++) {
      const saved = values[i];
      values[i] = saved + STEP;
      const up = loss();
      values[i] = saved - STEP;
      const down = loss();
      values[i] = saved;
      const numeric = (up - down) / (2 * STEP);
      const error = Math.abs(analytic[i] - numeric) / Math.max(1, Math.abs(numeric));
      report.checked++;
      report.largestGradient = Math.max(report.largestGradient, Math.abs(numeric));
      if (error > report.worstError) {
        report.worstError = error;
        report.where = `${label}[${i}]: analytic ${analytic[i]}, numeric ${numeric}`;
      }
    }
  };
  compare(input, gradInput, 'input');
  for (const param of layer.params()) compare(param.value, Float64Array.from(param.grad), param.name);
  return report;
}
