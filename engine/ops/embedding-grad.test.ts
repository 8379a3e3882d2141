import { describe, expect, it } from 'vitest';
import { embeddingBackward } from './embedding-grad.ts';
import { dot, numericGrad, randomF64, relError } from '../train/gradcheck.ts';

describe('embeddingBackward', () => {
  const V = 4;
  const C = 3;
  const ids = [2, 0, 2, 3];

  it('matches finite differences, a repeated row getting both gradients', () => {
    // L = sum(table[ids] * R); float64, tolerance 1e-7 relative (observed ~1e-11).
    const table = randomF64(V * C, 1); // (V, C)
    const r = randomF64(ids.length * C, 2); // (T, C)
    const loss = () =>
      dot(
        ids.flatMap((id) => [...table.subarray(id * C, id * C + C)]),
        r,
      );
    const dTable = new Float64Array(V * C);
    embeddingBackward(ids, r, dTable, C);
    expect(relError(dTable, numericGrad(loss, table))).toBeLessThan(1e-7);
    expect(dTable[2 * C]).toBeCloseTo(r[0] + r[2 * C], 12);
    expect([...dTable.subarray(C, 2 * C)]).toEqual([0, 0, 0]); // row 1 never read
  });

  it('rejects an id outside the table', () => {
    expect(() => embeddingBackward([5], new Float64Array(C), new Float64Array(V * C), C)).toThrow(
      /row 5 at position 0/,
    );
  });
});
