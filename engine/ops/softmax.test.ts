import { describe, expect, it } from 'vitest';
import { tensor } from '../tensor.ts';
import { softmax } from './softmax.ts';

describe('softmax', () => {
  it('computes exp(x) / sum exp(x) over the last axis', () => {
    const p = softmax(tensor(new Float32Array([1, 2, 3, 0, 0, 0]), [2, 3], ['pos', 'vocab']));
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const s = e[0] + e[1] + e[2];
    expect(p.data[0]).toBeCloseTo(e[0] / s, 7);
    expect(p.data[2]).toBeCloseTo(e[2] / s, 7);
    expect(p.data[4]).toBeCloseTo(1 / 3, 7);
  });

  it('is unchanged when a constant is added to a row', () => {
    const a = softmax(tensor(new Float32Array([0.5, -1, 2]), [1, 3], ['pos', 'vocab']));
    const b = softmax(tensor(new Float32Array([1000.5, 999, 1002]), [1, 3], ['pos', 'vocab']));
    for (let i = 0; i < 3; i++) expect(b.data[i]).toBeCloseTo(a.data[i], 6);
    expect(b.data.every(Number.isFinite)).toBe(true);
  });

  it('gives -Infinity entries exactly zero weight', () => {
    const p = softmax(tensor(new Float32Array([1, -Infinity, 1]), [1, 3], ['pos', 'vocab']));
    expect(Array.from(p.data)).toEqual([0.5, 0, 0.5]);
  });

  it('keeps a NaN visible: a row holding one comes out all NaN, the other rows as usual', () => {
    const src = new Float32Array([1, NaN, 1, 0, 0, -Infinity]);
    const p = softmax(tensor(src, [2, 3], ['pos', 'vocab']));
    expect(Array.from(p.data.slice(0, 3)).every(Number.isNaN)).toBe(true);
    expect(Array.from(p.data.slice(3))).toEqual([0.5, 0.5, 0]);
  });

  it('returns zeros, not NaN, for a row whose every entry is masked', () => {
    const p = softmax(tensor(new Float32Array([-Infinity, -Infinity]), [1, 2], ['pos', 'vocab']));
    expect(Array.from(p.data)).toEqual([0, 0]);
  });
});
