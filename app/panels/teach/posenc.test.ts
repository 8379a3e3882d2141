import { describe, expect, it } from 'vitest';
import { sinusoidalTable } from '../../../engine/ops/embedding.ts';
import { extent, positionSimilarity, sinusoidValue, wavelength } from './posenc.ts';

describe('positional-encoding helpers', () => {
  it('matches the engine table with the textbook formula', () => {
    const d = 16;
    const t = sinusoidalTable(20, d);
    for (const [p, dim] of [
      [0, 0],
      [3, 1],
      [7, 4],
      [19, 15],
    ]) {
      expect(t.data[p * d + dim]).toBeCloseTo(sinusoidValue(p, dim, d), 5);
    }
  });

  it('grows wavelengths geometrically from 2π towards 10000·2π', () => {
    const d = 64;
    expect(wavelength(0, d)).toBeCloseTo(2 * Math.PI, 10);
    expect(wavelength(1, d)).toBeCloseTo(2 * Math.PI, 10);
    expect(wavelength(4, d) / wavelength(2, d)).toBeCloseTo(wavelength(2, d) / wavelength(0, d), 8);
    expect(wavelength(d - 1, d)).toBeLessThan(10000 * 2 * Math.PI);
    expect(wavelength(d - 1, d)).toBeGreaterThan(5000 * 2 * Math.PI);
  });

  it('gives sinusoid similarities that depend only on the distance', () => {
    const T = 12;
    const d = 32;
    const s = positionSimilarity(sinusoidalTable(T, d).data, T, d);
    expect(s[0]).toBeCloseTo(d / 2, 4);
    expect(s[2 * T + 5]).toBeCloseTo(s[6 * T + 9], 4);
    expect(s[5 * T + 2]).toBe(s[2 * T + 5]);
    expect(s[0 * T + 1]).toBeLessThan(s[0]);
  });

  it('finds the extent of a table', () => {
    expect(extent([3, -2, 5, 0])).toEqual([-2, 5]);
  });
});
