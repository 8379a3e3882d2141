/**
 * Backward of the elementwise sum y = a + b (the residual adds, token plus position).
 *
 * Dimension legend:
 *   n   elements of a, b and y (any shape, flattened)
 *
 * dL/da = dL/db = dL/dy: the gradient passes unchanged to both summands.
 */
import type { Floats } from './linear-grad.ts';

/**
 * Adds dL/dy into the gradient of one summand.
 * @param dy  gradient of the sum (n)
 * @param acc gradient of a summand (n), added to in place
 */
export function addBackward(dy: Floats, acc: Floats): void {
  if (dy.length !== acc.length) {
    throw new Error(`addBackward: gradient has ${dy.length} values, summand ${acc.length}`);
  }
  for (let i = 0; i < dy.length; i++) acc[i] += dy[i];
}
