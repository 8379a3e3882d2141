import { describe, expect, it } from 'vitest';
import { tensor } from '../tensor.ts';
import { erf, gelu, geluExact, geluTanh } from './activations.ts';

describe('erf', () => {
  it('matches tabulated values to float64 precision', () => {
    // Values from Abramowitz and Stegun table 7.1 / high-precision evaluation.
    expect(erf(0)).toBe(0);
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 14);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 14);
    expect(erf(2)).toBeCloseTo(0.9953222650189527, 14);
    expect(erf(3.5)).toBeCloseTo(0.9999992569016276, 14);
    expect(erf(10)).toBe(1);
  });

  it('is odd', () => {
    expect(erf(-1.5)).toBe(-erf(1.5));
    expect(erf(-4)).toBe(-erf(4));
  });
});

describe('gelu', () => {
  it('gives 0.8413447461 at 1 exactly and 0.8411919906 with the tanh approximation', () => {
    expect(Math.abs(geluExact(1) - 0.8413447461)).toBeLessThan(1e-9);
    expect(Math.abs(geluTanh(1) - 0.8411919906)).toBeLessThan(1e-9);
  });

  it('is zero at zero, near identity for large x and near zero for very negative x', () => {
    expect(geluExact(0)).toBe(0);
    expect(geluTanh(0)).toBe(0);
    expect(geluExact(8)).toBeCloseTo(8, 12);
    expect(Math.abs(geluExact(-8))).toBeLessThan(1e-12);
  });

  it('acts elementwise on a tensor, choosing the variant by name', () => {
    const x = tensor(new Float32Array([-1, 0, 1, 2]), [2, 2], ['pos', 'd_mlp']);
    const exact = gelu(x, 'gelu');
    const approx = gelu(x, 'gelu_tanh');
    expect(exact.shape).toEqual([2, 2]);
    expect(exact.axes).toEqual(['pos', 'd_mlp']);
    expect(exact.data[0]).toBeCloseTo(-0.15865525393145707, 7);
    expect(exact.data[3]).toBeCloseTo(1.9544997361036416, 6);
    expect(approx.data[2]).toBeCloseTo(0.8411919906, 7);
  });
});
