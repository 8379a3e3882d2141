import { describe, expect, it } from 'vitest';
import { formatPercent, topTokens } from './probs.ts';

describe('next-token candidates', () => {
  it('lists the most probable tokens of a row first', () => {
    const probs = {
      data: Float32Array.from([0.1, 0.2, 0.7, 0.5, 0.25, 0.25]),
      shape: [2, 3],
      axes: [],
    };
    expect(topTokens(probs as never, 0, 2).map((c) => c.id)).toEqual([2, 1]);
    expect(topTokens(probs as never, 1, 3).map((c) => c.id)).toEqual([0, 1, 2]);
  });

  it('keeps two significant digits of small probabilities', () => {
    expect(formatPercent(0.98765)).toBe('98.8');
    expect(formatPercent(0.000064)).toBe('0.0064');
  });

  it('prints tiny probabilities in at most seven characters', () => {
    expect(formatPercent(0.000000083)).toBe('8.3e-6');
    expect(formatPercent(0.0000064)).toBe('6.4e-4');
    for (const p of [1, 0.5, 0.01, 1e-4, 8.3456e-8, 1.2e-30, 0]) {
      expect(formatPercent(p).length, String(p)).toBeLessThanOrEqual(7);
    }
  });
});
