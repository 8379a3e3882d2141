import { describe, expect, it } from 'vitest';
import { tensor } from '../tensor.ts';
import { add } from './add.ts';

describe('add', () => {
  it('sums elementwise into a new tensor', () => {
    const a = tensor(new Float32Array([1, 2, 3, 4]), [2, 2], ['pos', 'd_model']);
    const b = tensor(new Float32Array([0.5, -2, 10, 0]), [2, 2], ['pos', 'd_model']);
    const c = add(a, b);
    expect(Array.from(c.data)).toEqual([1.5, 0, 13, 4]);
    expect(c.data).not.toBe(a.data);
    expect(c.axes).toEqual(['pos', 'd_model']);
  });

  it('rejects different shapes', () => {
    const a = tensor(new Float32Array(4), [2, 2], ['pos', 'd_model']);
    const b = tensor(new Float32Array(4), [4], ['d_model']);
    expect(() => add(a, b)).toThrow(/differ/);
  });
});
