import { describe, expect, it } from 'vitest';
import { softmaxBackward } from './softmax-grad.ts';
import { dot, numericGrad, randomF64, relError } from '../train/gradcheck.ts';

function softmaxRows(s: Float64Array, n: number): Float64Array {
  const p = new Float64Array(s.length); // (R, n)
  for (let r = 0; r < s.length / n; r++) {
    const row = s.subarray(r * n, r * n + n);
    const m = Math.max(...row);
    let z = 0;
    for (let j = 0; j < n; j++) z += Math.exp(row[j] - m);
    for (let j = 0; j < n; j++) p[r * n + j] = Math.exp(row[j] - m) / z;
  }
  return p;
}

describe('softmaxBackward', () => {
  it('matches finite differences', () => {
    // L = sum(softmax(s) * R) over 3 rows of 5; float64, tolerance 1e-7 (observed ~1e-10).
    const n = 5;
    const s = randomF64(3 * n, 1, 2);
    const r = randomF64(3 * n, 2);
    const ds = new Float64Array(3 * n);
    softmaxBackward(softmaxRows(s, n), r, ds, n);
    const err = relError(
      ds,
      numericGrad(() => dot(softmaxRows(s, n), r), s),
    );
    console.log('softmax grad rel. error', err);
    expect(err).toBeLessThan(1e-7);
  });

  it('gives zero gradient to an entry of probability zero and rows summing to zero', () => {
    const p = Float64Array.of(0.25, 0.75, 0);
    const ds = new Float64Array(3);
    softmaxBackward(p, Float64Array.of(1, 2, 3), ds, 3);
    expect(ds[2]).toBe(0);
    expect(ds[0] + ds[1]).toBeCloseTo(0, 14);
    expect(ds[0]).toBeCloseTo(0.25 * (1 - 1.75), 14);
  });
});
