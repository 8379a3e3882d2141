/**
 * Backward of the row softmax p = softmax(s) over the last axis.
 *
 * Dimension legend:
 *   R   rows (e.g. positions, or heads x query positions)
 *   n   entries per row (vocab, or key positions)
 *
 * dL/ds_j = p_j (dL/dp_j - sum_k p_k dL/dp_k). An entry with p = 0 (a masked score) gets
 * exactly zero gradient.
 */
import type { Floats } from './linear-grad.ts';

/**
 * Adds dL/ds given the softmax output and dL/dp.
 * @param p  softmax output (R, n)
 * @param dp gradient of the output (R, n)
 * @param ds gradient of the scores (R, n), added to in place
 * @param n  entries per row
 */
export function softmaxBackward(p: Floats, dp: Floats, ds: Floats, n: number): void {
  const R = p.length / n;
  for (let r = 0; r < R; r++) {
    const row = r * n;

    // pass 1: the p-weighted mean of the incoming gradient
    let dot = 0;
    for (let j = 0; j < n; j++) dot += p[row + j] * dp[row + j];

    // pass 2: each entry's share
    for (let j = 0; j < n; j++) ds[row + j] += p[row + j] * (dp[row + j] - dot);
  }
}
