import { describe, expect, it } from 'vitest';
import { addBackward } from './add-grad.ts';
import { dot, numericGrad, randomF64, relError } from '../train/gradcheck.ts';

describe('addBackward', () => {
  it('passes the gradient to both summands, matching finite differences', () => {
    // L = sum((a + b) * R); float64, tolerance 1e-7 relative (observed ~1e-11).
    const a = randomF64(6, 1);
    const b = randomF64(6, 2);
    const r = randomF64(6, 3);
    const loss = () =>
      dot(
        a.map((v, i) => v + b[i]),
        r,
      );
    const da = new Float64Array(6);
    const db = new Float64Array(6);
    addBackward(r, da);
    addBackward(r, db);
    expect(relError(da, numericGrad(loss, a))).toBeLessThan(1e-7);
    expect(relError(db, numericGrad(loss, b))).toBeLessThan(1e-7);
  });

  it('rejects gradients of different lengths', () => {
    expect(() => addBackward(new Float64Array(2), new Float64Array(3))).toThrow(/2 values.*3/);
  });
});
