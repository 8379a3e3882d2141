import { describe, expect, it } from 'vitest';
import { gridFor } from './grid.ts';
import type { SceneBlock } from './layout.ts';
import { elementAt } from './pointerCell.ts';

/** A (T=4, C=6) activation block: rows are positions, columns channels. */
const block = { grid: gridFor([4, 6], ['pos', 'd_model']) } as SceneBlock;

describe('elementAt', () => {
  it('reads the front face left to right, top row first', () => {
    // u = 0.5 → column 3; v = 0.9 (near the top) → row 0
    expect(elementAt(block, 0.5, 0.9, 1)).toBe(0 * 6 + 3);
    expect(elementAt(block, 0.01, 0.01, 1)).toBe(3 * 6 + 0);
  });

  it('mirrors the back face and ignores the sides', () => {
    expect(elementAt(block, 0.01, 0.9, -1)).toBe(5);
    expect(elementAt(block, 0.5, 0.5, 0)).toBeNull();
  });
});
