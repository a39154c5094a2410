/**
 * The polynomial (cubic) sparsity schedule of Zhu & Gupta (2017), as TF-MOT's
 * PolynomialDecay: s_t = s_f + (s_i - s_f)·(1 - t/T)³ for step t of T. Sparsity rises fast
 * while the network still has many redundant weights and slowly near the end.
 */
export function polynomialSparsity(step: number, totalSteps: number, initial: number, final: number): number {
  const progress = Math.min(Math.max(step / totalSteps, 0), 1);
  return final + (initial - final) * (1 - progress) ** 3;
}
