import { describe, expect, it } from 'vitest';
import { linearBackward, matmulBackward } from './linear-grad.ts';
import { dot, numericGrad, randomF64, relError } from '../train/gradcheck.ts';

// Float64 checks: analytic gradients against central differences of L = sum(y * R).
// Tolerance 1e-7 on the relative error max|a - n| / max|a| (observed ~1e-10).
const TOL = 1e-7;
const T = 4;
const nIn = 5;
const nOut = 3;

function forward(x: Float64Array, w: Float64Array, b: Float64Array): Float64Array {
  const y = new Float64Array(T * nOut); // (T, nOut)
  for (let t = 0; t < T; t++)
    for (let o = 0; o < nOut; o++) {
      let s = b[o];
      for (let i = 0; i < nIn; i++) s += x[t * nIn + i] * w[o * nIn + i];
      y[t * nOut + o] = s;
    }
  return y;
}

describe('linearBackward', () => {
  const x = randomF64(T * nIn, 1); // (T, nIn)
  const w = randomF64(nOut * nIn, 2); // (nOut, nIn)
  const b = randomF64(nOut, 3); // (nOut)
  const r = randomF64(T * nOut, 4); // dL/dy (T, nOut)
  const loss = () => dot(forward(x, w, b), r);

  const dx = new Float64Array(T * nIn);
  const dW = new Float64Array(nOut * nIn);
  const db = new Float64Array(nOut);
  linearBackward(x, w, r, { T, nIn, nOut }, { dx, dW, db });

  it('matches finite differences for x, W and b', () => {
    const errs = {
      x: relError(dx, numericGrad(loss, x)),
      W: relError(dW, numericGrad(loss, w)),
      b: relError(db, numericGrad(loss, b)),
    };
    console.log('linear grad rel. errors', errs);
    for (const e of Object.values(errs)) expect(e).toBeLessThan(TOL);
  });

  it('computes a hand example: y = x W^T with x = [1, 2], W = [[3, 4]]', () => {
    const gx = new Float64Array(2);
    const gW = new Float64Array(2);
    linearBackward(
      Float64Array.of(1, 2),
      Float64Array.of(3, 4),
      Float64Array.of(10),
      {
        T: 1,
        nIn: 2,
        nOut: 1,
      },
      { dx: gx, dW: gW, db: null },
    );
    expect([...gx]).toEqual([30, 40]);
    expect([...gW]).toEqual([10, 20]);
  });

  it('adds into existing gradients so a batch sums', () => {
    const gW = new Float64Array(nOut * nIn);
    const args = [x, w, r, { T, nIn, nOut }] as const;
    linearBackward(...args, { dx: null, dW: gW, db: null });
    linearBackward(...args, { dx: null, dW: gW, db: null });
    for (let i = 0; i < gW.length; i++) expect(gW[i]).toBeCloseTo(2 * dW[i], 12);
  });
});

describe('matmulBackward', () => {
  const [M, K, N] = [3, 4, 5];
  const a = randomF64(M * K, 11); // (M, K)
  const b = randomF64(K * N, 12); // (K, N)
  const r = randomF64(M * N, 13); // dL/dc (M, N)
  const product = () => {
    const c = new Float64Array(M * N); // (M, N)
    for (let m = 0; m < M; m++)
      for (let n = 0; n < N; n++)
        for (let k = 0; k < K; k++) c[m * N + n] += a[m * K + k] * b[k * N + n];
    return c;
  };
  const loss = () => dot(product(), r);

  it('matches finite differences for both operands', () => {
    const da = new Float64Array(M * K);
    const db = new Float64Array(K * N);
    matmulBackward(a, b, r, { M, K, N }, da, db);
    const errs = { a: relError(da, numericGrad(loss, a)), b: relError(db, numericGrad(loss, b)) };
    console.log('matmul grad rel. errors', errs);
    for (const e of Object.values(errs)) expect(e).toBeLessThan(TOL);
  });

  it('computes a hand example: [1, 2] @ [[3], [4]] with dL/dc = 10', () => {
    const da = new Float64Array(2);
    const db = new Float64Array(2);
    matmulBackward(
      Float64Array.of(1, 2),
      Float64Array.of(3, 4),
      Float64Array.of(10),
      { M: 1, K: 2, N: 1 },
      da,
      db,
    );
    expect([...da]).toEqual([30, 40]);
    expect([...db]).toEqual([10, 20]);
  });
});
