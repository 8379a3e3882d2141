/**
 * Softmax over the last axis, with the row maximum subtracted so that exp never overflows.
 *
 * Dimension legend:
 *   R   rows: the product of every axis but the last
 *   N   the last axis, normalized over
 */
import { tensor, type Tensor } from '../tensor.ts';

/**
 * Softmax of `rows` rows of length n, from src into out (both flat (R, N)).
 * Entries of -Infinity get weight exactly 0. A row of nothing but -Infinity (every entry masked)
 * has nothing to weigh and comes out all zeros. A row holding a NaN comes out all NaN, so that a
 * broken value upstream shows instead of vanishing.
 */
export function softmaxRows(out: Float32Array, src: Float32Array, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * n;

    // Pass 1: the row maximum, and whether the row holds a NaN.
    let max = -Infinity;
    let nan = false;
    for (let i = 0; i < n; i++) {
      const v = src[row + i];
      if (v > max) max = v;
      else if (v !== v) nan = true;
    }
    if (nan) {
      out.fill(NaN, row, row + n);
      continue;
    }
    if (max === -Infinity) {
      out.fill(0, row, row + n);
      continue;
    }

    // Pass 2: exponentials and their sum (exp(-Infinity) is exactly 0).
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const e = Math.exp(src[row + i] - max);
      out[row + i] = e;
      sum += e;
    }

    // Pass 3: normalize.
    const inv = 1 / sum;
    for (let i = 0; i < n; i++) out[row + i] *= inv;
  }
}

/**
 * Softmax over the last axis.
 * @param x any shape (..., N); -Infinity entries are allowed and get probability 0
 * @returns a new tensor of the same shape and axes whose rows sum to 1
 */
export function softmax(x: Tensor): Tensor {
  const n = x.shape[x.shape.length - 1];
  const rows = n === 0 ? 0 : x.data.length / n;
  const out = new Float32Array(x.data.length); // (..., N)
  softmaxRows(out, x.data, rows, n);
  return tensor(out, x.shape, x.axes);
}
