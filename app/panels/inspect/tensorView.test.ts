import { describe, expect, it } from 'vitest';
import { gridFor, makeGrid } from '../../scene/grid.ts';
import { keyMove, moveElement, plotBox } from './heatmapDraw.ts';
import { gridAxes } from './provenance.ts';
import {
  cellRect,
  formatF32,
  ravel,
  sourceAt,
  statedGrid,
  tensorStats,
  toCsv,
  toJson,
  unravel,
} from './tensorView.ts';

describe('formatF32', () => {
  it('prints the shortest text that reads back as the same float32', () => {
    expect(formatF32(0.5)).toBe('0.5');
    expect(formatF32(Math.fround(0.1))).toBe('0.1');
    expect(formatF32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(formatF32(-Infinity)).toBe('-∞');
  });

  it('tells neighbouring float32 values apart', () => {
    const a = Math.fround(0.7);
    const next = new Float32Array(
      new Uint32Array([new Uint32Array(new Float32Array([a]).buffer)[0] + 1]).buffer,
    )[0];
    expect(formatF32(a)).not.toBe(formatF32(next));
    expect(Math.fround(Number(formatF32(next)))).toBe(next);
  });
});

describe('tensorStats', () => {
  it('summarises finite values and counts masked ones', () => {
    const s = tensorStats(Float32Array.from([1, -Infinity, 3, -Infinity, 5]));
    expect(s).toMatchObject({ min: 1, max: 5, mean: 3, count: 3, masked: 2 });
    expect(s.std).toBeCloseTo(Math.sqrt(8 / 3), 12);
  });
});

describe('indices', () => {
  it('unravels and ravels row-major positions', () => {
    expect(unravel([3, 11, 11], 130)).toEqual([1, 0, 9]);
    expect(ravel([3, 11, 11], [1, 0, 9])).toBe(130);
  });
});

describe('sourceAt', () => {
  it('reads the head, row and column under a point of a tiled grid', () => {
    // (nh=3, T=4, T=4): tiles 4 wide with one gap cell between them
    const g = makeGrid(3, 16, 4, 4, 4, 1);
    expect(sourceAt(g, 5.5, 2.2)).toEqual({ tile: 1, row: 2, col: 0, flat: 16 + 8 });
    expect(sourceAt(g, 4.5, 1)).toBeNull(); // the gap
    expect(sourceAt(g, 20, 1)).toBeNull();
  });

  it('reads the exact element inside a pooled cell', () => {
    const g = makeGrid(1, 0, 2000, 1, 1, 1); // 2000 rows pooled 4 to a cell
    expect(g.rowPool).toBe(4);
    expect(sourceAt(g, 0.5, 10.5)?.row).toBe(42);
    expect(cellRect(g, 0, 42, 43, 0, 1)).toEqual({ x0: 0, x1: 1, y0: 10, y1: 11 });
  });
});

describe('the inspector heatmap of a weight', () => {
  // c_attn.weight as stored: (out_features 6, in_features 4); the scene stands it transposed
  const w = { shape: [6, 4], axes: ['d_qkv', 'd_model'] as ('d_qkv' | 'd_model')[] };
  const scene = gridFor(w.shape, w.axes, true);
  const g = statedGrid(scene, w);

  it('draws rows along the first axis and columns along the second, as the shape states', () => {
    expect(scene).toMatchObject({ rows: 4, cols: 6, transposed: true });
    expect(g).toMatchObject({ rows: 6, cols: 4, width: 4, height: 6, transposed: false });
    expect(gridAxes(w.axes, g.transposed)).toEqual({ tile: null, row: 0, col: 1 });
  });

  it('reads the element [row, col] at row down and col across', () => {
    for (const [row, col] of [
      [5, 0],
      [0, 3],
      [4, 2],
    ]) {
      expect(sourceAt(g, col + 0.5, row + 0.5)).toEqual({ tile: 0, row, col, flat: row * 4 + col });
      expect(cellRect(g, 0, row, row + 1, col, col + 1)).toEqual({
        x0: col,
        x1: col + 1,
        y0: row,
        y1: row + 1,
      });
    }
  });

  it('leaves a tensor the scene shows as stated unchanged', () => {
    const pattern = gridFor([3, 5, 5], ['head', 'query_pos', 'key_pos']);
    expect(statedGrid(pattern, { shape: [3, 5, 5], axes: ['head', 'query_pos', 'key_pos'] })).toBe(
      pattern,
    );
  });
});

describe('plotBox', () => {
  it('fits the plot and its labels inside the width it is given', () => {
    for (const width of [302, 250, 180]) {
      const box = plotBox(gridFor([144, 48], ['d_qkv', 'd_model']), width, 3);
      expect(box.canvasWidth).toBe(width);
      expect(box.left + box.width).toBeLessThanOrEqual(width);
    }
  });
});

describe('copies', () => {
  const t = {
    data: Float32Array.from([0.5, -Infinity, 2, 3]),
    shape: [2, 2],
    axes: ['query_pos', 'key_pos'] as const,
  };

  it('writes nested JSON arrays with null for masked values', () => {
    expect(JSON.parse(toJson({ ...t, axes: [...t.axes] }))).toEqual([
      [0.5, null],
      [2, 3],
    ]);
  });

  it('writes one CSV line per element after the axis names', () => {
    expect(toCsv({ ...t, axes: [...t.axes] })).toBe(
      'query_pos,key_pos,value\n0,0,0.5\n0,1,-Infinity\n1,0,2\n1,1,3\n',
    );
  });
});

describe('keyboard moves on the heatmap', () => {
  it('walks rows and columns and hops between heads, clamped to the tensor', () => {
    const shape = [3, 11, 11]; // (head, query_pos, key_pos)
    const ga = { tile: 0, row: 1, col: 2 };
    const at = (h: number, q: number, k: number) => ravel(shape, [h, q, k]);
    expect(moveElement(shape, ga, null, 1, 0, 0)).toBe(0);
    expect(moveElement(shape, ga, at(0, 4, 2), ...keyMove('ArrowDown', false)!)).toBe(at(0, 5, 2));
    expect(moveElement(shape, ga, at(0, 4, 2), ...keyMove('ArrowRight', true)!)).toBe(at(1, 4, 2));
    expect(moveElement(shape, ga, at(2, 0, 10), ...keyMove('ArrowRight', false)!)).toBe(
      at(2, 0, 10),
    );
    expect(keyMove('Enter', false)).toBeNull();
  });
});
