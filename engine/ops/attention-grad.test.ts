import { describe, expect, it } from 'vitest';
import { attentionBackward } from './attention-grad.ts';
import { dot, numericGrad, randomF64, relError } from '../train/gradcheck.ts';

const T = 5;
const nh = 2;
const hs = 3;
const C = nh * hs;

/** Causal attention in float64 from qkv (T, 3C): returns z (T, nh, hs) and what backward reads. */
function attention(qkv: Float64Array) {
  const q = new Float64Array(T * C); // (T, nh, hs)
  const k = new Float64Array(T * C); // (T, nh, hs)
  const v = new Float64Array(T * C); // (T, nh, hs)
  for (let t = 0; t < T; t++)
    for (let c = 0; c < C; c++) {
      q[t * C + c] = qkv[t * 3 * C + c];
      k[t * C + c] = qkv[t * 3 * C + C + c];
      v[t * C + c] = qkv[t * 3 * C + 2 * C + c];
    }
  const pattern = new Float64Array(nh * T * T); // (nh, T, T)
  const z = new Float64Array(T * C); // (T, nh, hs)
  for (let h = 0; h < nh; h++)
    for (let i = 0; i < T; i++) {
      const s = new Float64Array(i + 1);
      for (let j = 0; j <= i; j++) {
        for (let d = 0; d < hs; d++) s[j] += q[i * C + h * hs + d] * k[j * C + h * hs + d];
        s[j] /= Math.sqrt(hs);
      }
      const m = Math.max(...s);
      const e = s.map((x) => Math.exp(x - m));
      const sum = e.reduce((a, b) => a + b, 0);
      for (let j = 0; j <= i; j++) {
        const p = e[j] / sum;
        pattern[(h * T + i) * T + j] = p;
        for (let d = 0; d < hs; d++) z[i * C + h * hs + d] += p * v[j * C + h * hs + d];
      }
    }
  return { q, k, v, pattern, z };
}

describe('attentionBackward', () => {
  const qkv = randomF64(T * 3 * C, 1, 1.5); // (T, 3C), large enough for peaked patterns
  const r = randomF64(T * C, 2); // dL/dz (T, nh, hs)
  const { q, k, v, pattern } = attention(qkv);
  const dqkv = new Float64Array(T * 3 * C);
  attentionBackward(q, k, v, pattern, r, { T, nh, hs }, dqkv);

  it('matches finite differences for q, k and v', () => {
    // L = sum(z * R); float64, tolerance 1e-7 relative (observed ~1e-10).
    const err = relError(
      dqkv,
      numericGrad(() => dot(attention(qkv).z, r), qkv),
    );
    console.log('attention grad rel. error', err);
    expect(err).toBeLessThan(1e-7);
  });

  it('sends no gradient to the last key or value from earlier queries', () => {
    // Only query T-1 sees key T-1; with dz zero on that row, k and v of T-1 get nothing.
    const dz = r.slice();
    dz.fill(0, (T - 1) * C);
    const g = new Float64Array(T * 3 * C);
    attentionBackward(q, k, v, pattern, dz, { T, nh, hs }, g);
    const lastKV = g.subarray((T - 1) * 3 * C + C, T * 3 * C);
    expect(Math.max(...lastKV.map(Math.abs))).toBe(0);
  });
});
