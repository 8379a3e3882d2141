import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_SCALE,
  MASKED_RGB,
  WEIGHT_SCALE,
  blockColors,
  cellColors,
  poolCells,
} from './cells.ts';
import { gridFor, makeGrid } from './grid.ts';

describe('cell colours', () => {
  it('averages pooled rows into one cell', () => {
    // 4 rows pooled 2 to a cell would need a cap of 2; pool by hand with a (4, 1) grid
    const g = { ...makeGrid(1, 0, 4, 1, 1, 1), rowPool: 2, shownRows: 2, height: 2 };
    expect([...poolCells(Float32Array.from([1, 3, -2, -4]), g)]).toEqual([2, -3]);
  });

  it('marks cells of masked scores and leaves gaps between heads empty', () => {
    // (nh=2, Tq=2, Tk=2) with the future key masked
    const data = Float32Array.from([1, -Infinity, 2, 3, 4, -Infinity, 5, 6]);
    const g = gridFor([2, 2, 2], ['head', 'query_pos', 'key_pos']);
    const cells = poolCells(data, g); // (2, 5)
    expect([...cells]).toEqual([1, -Infinity, NaN, 4, -Infinity, 2, 3, NaN, 5, 6]);
    const rgba = cellColors(data, g, 'activation');
    expect([...rgba.slice(4, 7)]).toEqual([...MASKED_RGB]);
    expect(rgba[2 * 4 + 3]).toBe(0);
  });

  it('colours the largest magnitude with the full end of the scale, by sign and family', () => {
    const g = gridFor([3], ['d_model']);
    const data = Float32Array.from([-2, 0, 2]);
    const act = cellColors(data, g, 'activation');
    expect([...act.slice(0, 3)]).toEqual([...ACTIVATION_SCALE.negative]);
    expect([...act.slice(4, 7)]).toEqual([...ACTIVATION_SCALE.zero]);
    expect([...act.slice(8, 11)]).toEqual([...ACTIVATION_SCALE.positive]);
    const w = cellColors(data, g, 'weight');
    expect([...w.slice(8, 11)]).toEqual([...WEIGHT_SCALE.positive]);
  });
});

describe('block colours across runs', () => {
  it('colours a weight once per grid and an activation every time', () => {
    const data = Float32Array.from([1, -2, 3, -4, 5, -6]);
    const g = gridFor([2, 3], ['pos', 'd_model']);
    const first = blockColors(data, g, 'weight');
    expect(blockColors(data, { ...g }, 'weight')).toBe(first);
    expect([...first]).toEqual([...cellColors(data, g, 'weight')]);
    const other = gridFor([3, 2], ['pos', 'd_model']);
    expect(blockColors(data, other, 'weight')).not.toBe(first);
    expect(blockColors(data, g, 'activation')).not.toBe(blockColors(data, g, 'activation'));
  });
});
