/**
 * Cell grids: how a tensor's flat values map onto the cells of its block.
 *
 * A block shows `tiles` panels side by side (one per attention head, or just one), each
 * `rows` by `cols` source values. Huge axes are pooled: `rowPool` source rows become one cell,
 * so that no block side shows more than MAX_CELLS_PER_SIDE cells (GPT-2's 50257-row wte
 * becomes 492 rows of cells; the exact values stay in the trace).
 *
 * Legend: T tokens, C = nEmbd, nh heads, hs = C / nh, M = MLP width, V = vocab.
 */
import type { Axis } from '../../engine/tensor.ts';

/** Most cells a block shows along one side; larger axes are averaged down (GPT-2: 768 → 384). */
export const MAX_CELLS_PER_SIDE = 512;
/** Empty cells between the tiles (heads) of one block. */
export const TILE_GAP = 1;

/** Strides of a block's three display axes into the tensor's flat, row-major data. */
export interface CellGrid {
  readonly tiles: number;
  readonly tileStride: number;
  readonly rows: number;
  readonly rowStride: number;
  readonly cols: number;
  readonly colStride: number;
  /** Source rows (cols) averaged into one cell. */
  readonly rowPool: number;
  readonly colPool: number;
  /** Cells shown per tile. */
  readonly shownRows: number;
  readonly shownCols: number;
  /** Cells of the whole block, gaps between tiles included. */
  readonly width: number;
  readonly height: number;
  /** The block shows the tensor transposed (linear weights: in-features as rows). */
  readonly transposed: boolean;
}

/** A grid from source extents and strides, pooling axes that are too long to show. */
export function makeGrid(
  tiles: number,
  tileStride: number,
  rows: number,
  rowStride: number,
  cols: number,
  colStride: number,
  transposed = false,
): CellGrid {
  const colBudget = Math.floor((MAX_CELLS_PER_SIDE - (tiles - 1) * TILE_GAP) / tiles);
  const rowPool = Math.ceil(rows / MAX_CELLS_PER_SIDE);
  const colPool = Math.ceil(cols / Math.max(1, colBudget));
  const shownRows = Math.ceil(rows / rowPool);
  const shownCols = Math.ceil(cols / colPool);
  return {
    tiles,
    tileStride,
    rows,
    rowStride,
    cols,
    colStride,
    rowPool,
    colPool,
    shownRows,
    shownCols,
    width: tiles * shownCols + (tiles - 1) * TILE_GAP,
    height: shownRows,
    transposed,
  };
}

/**
 * The grid for a tensor, chosen from its axis names.
 * @param shape the tensor's shape, e.g. (T, nh, hs) or (nh, T, T)
 * @param transpose show a 2-D tensor transposed (nn.Linear weights (out, in) as (in, out))
 * @throws Error for an axis layout the scene does not know how to draw.
 */
export function gridFor(
  shape: readonly number[],
  axes: readonly Axis[],
  transpose = false,
): CellGrid {
  if (shape.length === 1) {
    // (T) per-position statistics stand as a column; (C) gains and biases lie as a row
    return axes[0] === 'pos'
      ? makeGrid(1, 0, shape[0], 1, 1, 1)
      : makeGrid(1, 0, 1, 0, shape[0], 1);
  }
  if (shape.length === 2) {
    const [a, b] = shape;
    return transpose ? makeGrid(1, 0, b, 1, a, b, true) : makeGrid(1, 0, a, b, b, 1);
  }
  if (shape.length === 3 && axes[0] === 'pos' && axes[1] === 'head') {
    // (T, nh, X): one tile per head, positions as rows
    const [t, nh, x] = shape;
    return makeGrid(nh, x, t, nh * x, x, 1);
  }
  if (shape.length === 3 && axes[0] === 'head') {
    // (nh, Tq, Tk): one tile per head, query positions as rows, key positions as columns
    const [nh, tq, tk] = shape;
    return makeGrid(nh, tq * tk, tq, tk, tk, 1);
  }
  throw new Error(`scene: no grid for a tensor with axes (${axes.join(', ')})`);
}
