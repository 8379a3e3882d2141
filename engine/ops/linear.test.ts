import { describe, expect, it } from 'vitest';
import { makeRng } from '../random.ts';
import { tensor } from '../tensor.ts';
import { gemmNT, linear, matmul } from './linear.ts';

describe('linear', () => {
  it('computes x W^T + b with W stored (out_features, in_features)', () => {
    // x (2, 3), W (2, 3), b (2): y[t][o] = b[o] + sum_i x[t][i] W[o][i]
    const x = tensor(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], ['pos', 'd_model']);
    const w = tensor(new Float32Array([1, 0, -1, 0.5, 0.5, 0.5]), [2, 3], ['d_mlp', 'd_model']);
    const b = tensor(new Float32Array([10, -1]), [2], ['d_mlp']);
    const y = linear(x, w, b, 'd_mlp');
    expect(y.shape).toEqual([2, 2]);
    expect(y.axes).toEqual(['pos', 'd_mlp']);
    expect(Array.from(y.data)).toEqual([10 + 1 - 3, -1 + 3, 10 + 4 - 6, -1 + 7.5]);
  });

  it('handles row counts beyond the 4-row block and no bias', () => {
    // 6 rows: one block of 4 and 2 leftover rows.
    const x = tensor(
      Float32Array.from({ length: 12 }, (_, i) => i),
      [6, 2],
      ['pos', 'd_model'],
    );
    const w = tensor(new Float32Array([1, 1, 2, -1, 0, 3]), [3, 2], ['d_qkv', 'd_model']);
    const y = linear(x, w, null, 'd_qkv');
    for (let t = 0; t < 6; t++) {
      const [a, c] = [2 * t, 2 * t + 1];
      expect(Array.from(y.data.subarray(3 * t, 3 * t + 3))).toEqual([a + c, 2 * a - c, 3 * c]);
    }
  });

  it('agrees with plain dot products for every block and leftover shape', () => {
    // 7 rows (a block of 4 and 3 leftovers) by 5 outputs (2 pairs and an odd one), 13 inputs.
    const rng = makeRng(3);
    const [T, nIn, nOut] = [7, 13, 5];
    const rand = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
    const x = tensor(rand(T * nIn), [T, nIn], ['pos', 'd_model']);
    const w = tensor(rand(nOut * nIn), [nOut, nIn], ['d_mlp', 'd_model']);
    const b = tensor(rand(nOut), [nOut], ['d_mlp']);
    const y = linear(x, w, b, 'd_mlp');
    for (let t = 0; t < T; t++) {
      for (let o = 0; o < nOut; o++) {
        let s = 0;
        for (let i = 0; i < nIn; i++) s += x.data[t * nIn + i] * w.data[o * nIn + i];
        expect(y.data[t * nOut + o]).toBe(Math.fround(b.data[o] + s));
      }
    }
  });

  it('gives plain dot products bit for bit on strided views, writing nothing outside out', () => {
    // Every row tail of the 4-row block (M = 1..9), an odd and an even column count, views with
    // offsets and row strides wider than the matrix, as attention passes one head's columns.
    // Largest first, so that later calls find the reused scratch holding older values.
    const rng = makeRng(5);
    const K = 11;
    const SENTINEL = 12345;
    for (let M = 9; M >= 1; M--) {
      for (const N of [5, 6]) {
        const a = {
          data: Float32Array.from({ length: 3 + M * 17 }, () => rng.normal()),
          offset: 3,
          stride: 17,
        };
        const b = {
          data: Float32Array.from({ length: 2 + N * 13 }, () => rng.normal()),
          offset: 2,
          stride: 13,
        };
        const bias = Float32Array.from({ length: N }, () => rng.normal());
        const out = { data: new Float32Array(1 + M * 9).fill(SENTINEL), offset: 1, stride: 9 };
        gemmNT(out, a, b, bias, M, N, K);
        for (let i = 0; i < out.data.length; i++) {
          const [m, n] = [Math.floor((i - 1) / 9), (i - 1) % 9];
          if (i < 1 || n >= N) {
            expect(out.data[i], `outside (M, N) at ${i}, M=${M} N=${N}`).toBe(SENTINEL);
            continue;
          }
          let s = 0;
          for (let k = 0; k < K; k++) s += a.data[3 + m * 17 + k] * b.data[2 + n * 13 + k];
          expect(out.data[i], `(${m}, ${n}), M=${M} N=${N}`).toBe(Math.fround(bias[n] + s));
        }
      }
    }
  });

  it('rejects a weight whose input size does not fit', () => {
    const x = tensor(new Float32Array(6), [2, 3], ['pos', 'd_model']);
    const w = tensor(new Float32Array(4), [2, 2], ['d_mlp', 'd_model']);
    expect(() => linear(x, w, null, 'd_mlp')).toThrow(/does not fit/);
  });
});

describe('matmul', () => {
  it('multiplies (2, 3) by (3, 2)', () => {
    const a = tensor(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], ['query_pos', 'key_pos']);
    const b = tensor(new Float32Array([7, 8, 9, 10, 11, 12]), [3, 2], ['pos', 'd_head']);
    const c = matmul(a, b);
    expect(c.shape).toEqual([2, 2]);
    expect(c.axes).toEqual(['query_pos', 'd_head']);
    expect(Array.from(c.data)).toEqual([58, 64, 139, 154]);
  });

  it('rejects mismatched inner sizes', () => {
    const a = tensor(new Float32Array(6), [2, 3], ['pos', 'd_model']);
    expect(() => matmul(a, a)).toThrow(/does not fit/);
  });
});
