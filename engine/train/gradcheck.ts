/**
 * Finite-difference helpers for the gradient checks (tests only; the training loop never calls
 * them).
 *
 * Dimension legend:
 *   n   parameters being checked (any tensor, flattened)
 */
import { makeRng } from '../random.ts';

/** Central-difference step for float64 checks: truncation O(h^2) and rounding O(eps/h) balance. */
export const FD_STEP_F64 = 1e-5;

/**
 * dL/dx by central differences, perturbing x in place and restoring it.
 * @param loss recomputes the scalar loss from the current x
 * @param x    the parameters (n)
 * @returns    the numeric gradient (n)
 */
export function numericGrad(loss: () => number, x: Float64Array, h = FD_STEP_F64): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i];
    x[i] = x0 + h;
    const up = loss();
    x[i] = x0 - h;
    const down = loss();
    x[i] = x0;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/**
 * Relative error of two gradients: the largest absolute difference over the largest magnitude,
 * max|a - b| / max(max|a|, max|b|). Zero when both vanish.
 */
export function relError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let mag = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    mag = Math.max(mag, Math.abs(a[i]), Math.abs(b[i]));
  }
  return mag === 0 ? 0 : diff / mag;
}

/** n seeded normals times std, in float64. */
export function randomF64(n: number, seed: number, std = 1): Float64Array {
  const rng = makeRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * std;
  return out;
}

/** sum_i a[i] * b[i] in float64. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
