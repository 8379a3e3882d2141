import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { tensor } from '../tensor.ts';
import { embedding, positionRows, sinusoidalTable } from './embedding.ts';

// A (V=3, C=2) table whose row r is [10r, 10r + 1].
const table = tensor(new Float32Array([0, 1, 10, 11, 20, 21]), [3, 2], ['vocab', 'd_model']);

describe('embedding', () => {
  it('looks up one row per token id', () => {
    const e = embedding(table, [2, 0, 2]);
    expect(e.shape).toEqual([3, 2]);
    expect(e.axes).toEqual(['pos', 'd_model']);
    expect(Array.from(e.data)).toEqual([20, 21, 0, 1, 20, 21]);
  });

  it('names the id, its position and the range when an id is outside the table', () => {
    expect(() => embedding(table, [0, 3])).toThrow(InputError);
    expect(() => embedding(table, [0, 3])).toThrow(
      'token id 3 at position 1 is not in the vocabulary [0, 2]',
    );
  });

  it('copies the first T rows of a position table', () => {
    const p = positionRows(table, 2);
    expect(Array.from(p.data)).toEqual([0, 1, 10, 11]);
    p.data[0] = 99;
    expect(table.data[0]).toBe(0);
  });
});

describe('sinusoidalTable', () => {
  it('follows sin(p / 10000^(2i/d)) on even and cos on odd columns', () => {
    const pe = sinusoidalTable(3, 4);
    expect(pe.shape).toEqual([3, 4]);
    expect(Array.from(pe.data.subarray(0, 4))).toEqual([0, 1, 0, 1]);
    expect(pe.data[4]).toBeCloseTo(Math.sin(1), 7);
    expect(pe.data[5]).toBeCloseTo(Math.cos(1), 7);
    expect(pe.data[2 * 4 + 2]).toBeCloseTo(Math.sin(2 / 100), 7);
    expect(pe.data[2 * 4 + 3]).toBeCloseTo(Math.cos(2 / 100), 7);
  });

  it('ends an odd width with a sine column', () => {
    const pe = sinusoidalTable(2, 3);
    expect(pe.data[5]).toBeCloseTo(Math.sin(1 / Math.pow(10000, 2 / 3)), 7);
  });
});
