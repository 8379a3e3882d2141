import { describe, expect, it } from 'vitest';
import { makeRng } from '../random.ts';
import { tensor } from '../tensor.ts';
import {
  attentionMix,
  attentionScores,
  causalMask,
  headResults,
  splitHeads,
  sumHeads,
} from './attention.ts';
import { softmax } from './softmax.ts';

// T = 5 tokens, C = 4, nh = 2 heads of hs = 2, random qkv.
const T = 5;
const C = 4;
const NH = 2;
const rng = makeRng(7);
const qkv = tensor(
  Float32Array.from({ length: T * 3 * C }, () => rng.normal()),
  [T, 3 * C],
  ['pos', 'd_qkv'],
);
const q = splitHeads(qkv, 'q', NH);
const k = splitHeads(qkv, 'k', NH);
const v = splitHeads(qkv, 'v', NH);

describe('attention', () => {
  it('splits q, k, v in that order out of the fused projection', () => {
    expect(q.shape).toEqual([T, NH, 2]);
    expect(q.axes).toEqual(['pos', 'head', 'd_head']);
    expect(q.data[C + 3]).toBe(qkv.data[3 * C + 3]); // q[t=1, h=1, d=1]
    expect(k.data[0]).toBe(qkv.data[C]); // k[0, 0, 0]
    expect(v.data[2 * C + 1]).toBe(qkv.data[2 * 3 * C + 2 * C + 1]); // v[2, 0, 1]
  });

  it('scales scores by 1/sqrt(d_head)', () => {
    const s = attentionScores(q, k);
    expect(s.shape).toEqual([NH, T, T]);
    // head 1, query 3, key 1
    const qi = q.data.subarray(3 * C + 2, 3 * C + 4);
    const kj = k.data.subarray(1 * C + 2, 1 * C + 4);
    const want = (qi[0] * kj[0] + qi[1] * kj[1]) / Math.sqrt(2);
    expect(s.data[T * T + 3 * T + 1]).toBeCloseTo(want, 6);
  });

  it('masks future positions so every row sums to 1 with them exactly 0', () => {
    const masked = causalMask(attentionScores(q, k));
    const p = softmax(masked);
    for (let h = 0; h < NH; h++) {
      for (let i = 0; i < T; i++) {
        let sum = 0;
        for (let j = 0; j < T; j++) {
          const w = p.data[(h * T + i) * T + j];
          if (j > i) {
            expect(masked.data[(h * T + i) * T + j]).toBe(-Infinity);
            expect(w).toBe(0);
          }
          expect(Number.isNaN(w)).toBe(false);
          sum += w;
        }
        expect(sum).toBeCloseTo(1, 6);
      }
    }
    expect(p.data[0]).toBe(1); // the first query can only see itself
  });

  it('mixes values by the pattern, and the heads recombine through c_proj', () => {
    const pattern = softmax(causalMask(attentionScores(q, k)));
    const z = attentionMix(pattern, v);
    // z[2, 1, 0] = sum_j pattern[1, 2, j] v[j, 1, 0]
    let want = 0;
    for (let j = 0; j <= 2; j++) want += pattern.data[(T + 2) * T + j] * v.data[j * C + 2];
    expect(z.data[2 * C + 2]).toBeCloseTo(want, 6);

    // Summing head results plus bias equals the full projection z W^T + b.
    const w = tensor(
      Float32Array.from({ length: C * C }, () => rng.normal()),
      [C, C],
      ['d_model', 'd_in'],
    );
    const b = tensor(new Float32Array([1, 2, 3, 4]), [C], ['d_model']);
    const r = headResults(z, w);
    expect(r.shape).toEqual([T, NH, C]);
    const out = sumHeads(r, b);
    for (let t = 0; t < T; t++) {
      for (let o = 0; o < C; o++) {
        let full = b.data[o];
        for (let i = 0; i < C; i++) full += z.data[t * C + i] * w.data[o * C + i];
        expect(out.data[t * C + o]).toBeCloseTo(full, 5);
      }
    }
  });
});
