import { describe, expect, it } from 'vitest';
import { LAYER_NORM_EPS } from '../model/config.ts';
import { tensor } from '../tensor.ts';
import { layerNorm } from './layernorm.ts';

const ones = (n: number) => tensor(new Float32Array(n).fill(1), [n], ['d_model']);
const zerosC = (n: number) => tensor(new Float32Array(n), [n], ['d_model']);

describe('layerNorm', () => {
  it('normalizes [1, 2, 3, 4] with biased variance and eps 1e-5', () => {
    const x = tensor(new Float32Array([1, 2, 3, 4]), [1, 4], ['pos', 'd_model']);
    const ln = layerNorm(x, ones(4), zerosC(4), LAYER_NORM_EPS);
    const want = [-1.34163542, -0.44721181, 0.44721181, 1.34163542];
    want.forEach((w, i) => expect(ln.out.data[i]).toBeCloseTo(w, 6));
    expect(ln.mean.data[0]).toBe(2.5);
    expect(ln.scale.data[0]).toBeCloseTo(Math.sqrt(1.25 + 1e-5), 7);
    expect(ln.mean.shape).toEqual([1]);
    expect(ln.normalized.shape).toEqual([1, 4]);
  });

  it('turns a constant row into zeros, not NaN', () => {
    const x = tensor(new Float32Array([7, 7, 7, 7]), [1, 4], ['pos', 'd_model']);
    const ln = layerNorm(x, ones(4), zerosC(4), LAYER_NORM_EPS);
    expect(Array.from(ln.out.data)).toEqual([0, 0, 0, 0]);
  });

  it('stays accurate when the mean is large against the spread (two passes)', () => {
    const x = tensor(new Float32Array([10000, 10001, 10002, 10003]), [1, 4], ['pos', 'd_model']);
    const ln = layerNorm(x, ones(4), zerosC(4), LAYER_NORM_EPS);
    expect(ln.out.data[0]).toBeCloseTo(-1.34163542, 5);
    expect(ln.out.data[3]).toBeCloseTo(1.34163542, 5);
  });

  it('applies gamma and beta per feature, and works without beta', () => {
    const x = tensor(new Float32Array([1, 3, 10, 20]), [2, 2], ['pos', 'd_model']);
    const gamma = tensor(new Float32Array([2, 3]), [2], ['d_model']);
    const beta = tensor(new Float32Array([0.5, -1]), [2], ['d_model']);
    const withBeta = layerNorm(x, gamma, beta, 0);
    expect(Array.from(withBeta.out.data)).toEqual([-1.5, 2, -1.5, 2]);
    const noBeta = layerNorm(x, gamma, null, 0);
    expect(Array.from(noBeta.out.data)).toEqual([-2, 3, -2, 3]);
  });
});
